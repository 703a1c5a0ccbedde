package dev.opscenter.common.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTypePatternTest {

    @ParameterizedTest(name = "\"{0}\" vs {1} → {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                // no pattern matches everything, even an event without a type
                "NULL                  | push                   | true",
                "''                    | push                   | true",
                "'  '                  | push                   | true",
                "*                     | push                   | true",
                "*                     | NULL                   | true",
                "push                  | NULL                   | false",
                // literal, whole-string, case-sensitive
                "push                  | push                   | true",
                "push                  | Push                   | false",
                "push                  | push_request           | false",
                "push                  | git.push               | false",
                // * spans any characters, dots included
                "charge.*              | charge.dispute.created | true",
                "charge.*              | charge.                | true",
                "charge.*              | charge                 | false",
                "charge*               | charge                 | true",
                "*.created             | customer.created       | true",
                "*.created             | customer.updated       | false",
                "*dispute*             | charge.dispute.created | true",
                "a*b*c                 | aXbYc                  | true",
                "a*b*c                 | aXbYcd                 | false",
                "**                    | anything               | true",
                // regex characters are literal
                "a.b                   | axb                    | false",
                ".*                    | anything               | false",
                "ch[a]rge              | ch[a]rge               | true",
                "ch[a]rge              | charge                 | false",
                "charge.?              | charge.x               | false",
                "push+                 | pushh                  | false",
                "^push$                | push                   | false",
                // comma-separated alternatives, spaces around them ignored
                "push,pull_request     | pull_request           | true",
                "'push, pull_request'  | pull_request           | true",
                "push,pull_request     | issues                 | false",
                "push,charge.*         | charge.succeeded       | true",
                "'push,'               | push                   | true"
            })
    void matchesWildcardsLiterallyOtherwise(String pattern, String eventType, boolean expected) {
        assertEquals(expected, EventTypePattern.matches(pattern, eventType));
    }
}
