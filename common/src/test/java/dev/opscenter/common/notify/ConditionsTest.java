package dev.opscenter.common.notify;

import static dev.opscenter.common.notify.TestContexts.CHARGE;
import static dev.opscenter.common.notify.TestContexts.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // eq: numbers by value, strings exactly, booleans, null; kinds never mix
                "{\"path\": \"payload.amount\", \"op\": \"eq\", \"value\": 1500}                 | true",
                "{\"path\": \"payload.amount\", \"op\": \"eq\", \"value\": 1500.0}               | true",
                "{\"path\": \"payload.ratio\", \"op\": \"eq\", \"value\": 1}                     | true",
                "{\"path\": \"payload.amount\", \"op\": \"eq\", \"value\": 1501}                 | false",
                "{\"path\": \"payload.amount\", \"op\": \"eq\", \"value\": \"1500\"}             | false",
                "{\"path\": \"payload.currency\", \"op\": \"eq\", \"value\": \"usd\"}            | true",
                "{\"path\": \"payload.currency\", \"op\": \"eq\", \"value\": \"USD\"}            | false",
                "{\"path\": \"payload.livemode\", \"op\": \"eq\", \"value\": false}               | true",
                "{\"path\": \"payload.livemode\", \"op\": \"eq\", \"value\": \"false\"}          | false",
                "{\"path\": \"payload.note\", \"op\": \"eq\", \"value\": null}                   | true",
                "{\"path\": \"payload.nope\", \"op\": \"eq\", \"value\": null}                   | true",
                "{\"path\": \"payload.currency\", \"op\": \"eq\", \"value\": null}               | false",
                "{\"path\": \"payload.customer\", \"op\": \"eq\", \"value\": \"a@example.com\"}  | false",
                // ne is the negation of eq, so a missing path differs from any non-null value
                "{\"path\": \"payload.currency\", \"op\": \"ne\", \"value\": \"eur\"}            | true",
                "{\"path\": \"payload.currency\", \"op\": \"ne\", \"value\": \"usd\"}            | false",
                "{\"path\": \"payload.amount\", \"op\": \"ne\", \"value\": 1500.0}               | false",
                "{\"path\": \"payload.nope\", \"op\": \"ne\", \"value\": \"usd\"}                | true",
                // gt/gte/lt/lte: numbers (numeric strings too) or timestamps; anything else is false
                "{\"path\": \"payload.amount\", \"op\": \"gt\", \"value\": 1000}                 | true",
                "{\"path\": \"payload.amount\", \"op\": \"gt\", \"value\": 1500}                 | false",
                "{\"path\": \"payload.amount\", \"op\": \"gte\", \"value\": 1500.0}              | true",
                "{\"path\": \"payload.amount\", \"op\": \"gte\", \"value\": 1501}                | false",
                "{\"path\": \"payload.amount\", \"op\": \"lt\", \"value\": 2000}                 | true",
                "{\"path\": \"payload.amount\", \"op\": \"lt\", \"value\": 1500}                 | false",
                "{\"path\": \"payload.amount\", \"op\": \"lte\", \"value\": 1500}                | true",
                "{\"path\": \"payload.amount\", \"op\": \"lte\", \"value\": 1499.99}             | false",
                "{\"path\": \"payload.price\", \"op\": \"gt\", \"value\": 19.5}                  | true",
                "{\"path\": \"payload.fee\", \"op\": \"lt\", \"value\": \"20\"}                  | true",
                "{\"path\": \"payload.currency\", \"op\": \"gt\", \"value\": 5}                  | false",
                "{\"path\": \"payload.customer\", \"op\": \"gt\", \"value\": 5}                  | false",
                "{\"path\": \"payload.livemode\", \"op\": \"lt\", \"value\": 1}                  | false",
                "{\"path\": \"payload.nope\", \"op\": \"lt\", \"value\": 1}                      | false",
                "{\"path\": \"payload.created\", \"op\": \"gt\", \"value\": \"2024-05-01T09:00:00Z\"}          | true",
                "{\"path\": \"payload.created\", \"op\": \"lt\", \"value\": \"2024-05-01T09:00:00Z\"}          | false",
                "{\"path\": \"event.receivedAt\", \"op\": \"gte\", \"value\": \"2024-05-01T12:00:00+02:00\"}   | true",
                "{\"path\": \"event.receivedAt\", \"op\": \"gt\", \"value\": \"2024-05-01T12:00:00+02:00\"}    | false",
                "{\"path\": \"payload.created\", \"op\": \"gt\", \"value\": 5}                   | false",
                // in: the value lists the actual, with eq semantics
                "{\"path\": \"payload.currency\", \"op\": \"in\", \"value\": [\"usd\", \"eur\"]} | true",
                "{\"path\": \"payload.currency\", \"op\": \"in\", \"value\": [\"gbp\"]}          | false",
                "{\"path\": \"payload.amount\", \"op\": \"in\", \"value\": [2, 1500.0]}          | true",
                "{\"path\": \"payload.amount\", \"op\": \"in\", \"value\": [\"1500\"]}           | false",
                "{\"path\": \"payload.nope\", \"op\": \"in\", \"value\": [\"usd\"]}              | false",
                "{\"path\": \"payload.currency\", \"op\": \"in\", \"value\": []}                 | false",
                // contains: substring of a string, element of a list
                "{\"path\": \"payload.customer.email\", \"op\": \"contains\", \"value\": \"@example\"} | true",
                "{\"path\": \"payload.customer.email\", \"op\": \"contains\", \"value\": \"@other\"}   | false",
                "{\"path\": \"payload.tags\", \"op\": \"contains\", \"value\": \"vip\"}          | true",
                "{\"path\": \"payload.tags\", \"op\": \"contains\", \"value\": \"vi\"}           | false",
                "{\"path\": \"payload.codes\", \"op\": \"contains\", \"value\": 2.0}             | true",
                "{\"path\": \"payload.codes\", \"op\": \"contains\", \"value\": \"2\"}           | false",
                "{\"path\": \"payload.amount\", \"op\": \"contains\", \"value\": 5}              | false",
                "{\"path\": \"payload.price\", \"op\": \"contains\", \"value\": 19}              | false",
                "{\"path\": \"payload.nope\", \"op\": \"contains\", \"value\": \"x\"}            | false",
                // exists: non-null by default or with true, absent or null with false
                "{\"path\": \"payload.customer.email\", \"op\": \"exists\"}                      | true",
                "{\"path\": \"payload.customer.email\", \"op\": \"exists\", \"value\": true}     | true",
                "{\"path\": \"payload.customer.email\", \"op\": \"exists\", \"value\": false}    | false",
                "{\"path\": \"payload.note\", \"op\": \"exists\"}                                | false",
                "{\"path\": \"payload.note\", \"op\": \"exists\", \"value\": false}              | true",
                "{\"path\": \"payload.items.5\", \"op\": \"exists\", \"value\": false}           | true",
                "{\"path\": \"payload.livemode\", \"op\": \"exists\"}                            | true",
                // matches: regex found anywhere in the actual as text
                "{\"path\": \"payload.customer.email\", \"op\": \"matches\", \"value\": \"^a@\"}          | true",
                "{\"path\": \"payload.customer.email\", \"op\": \"matches\", \"value\": \"example\\\\.org$\"} | false",
                "{\"path\": \"payload.amount\", \"op\": \"matches\", \"value\": \"^15\\\\d\\\\d$\"}        | true",
                "{\"path\": \"payload.tags\", \"op\": \"matches\", \"value\": \"\\\"eu\\\"\"}               | true",
                "{\"path\": \"alert.title\", \"op\": \"matches\", \"value\": \"(?i)PAYMENT\"}              | true",
                "{\"path\": \"alert.title\", \"op\": \"matches\", \"value\": \"PAYMENT\"}                  | false",
                "{\"path\": \"payload.nope\", \"op\": \"matches\", \"value\": \".*\"}                      | false"
            })
    void operatorsCompareTheActualValue(String condition, boolean expected) {
        assertEquals(List.of(), Conditions.validate(map(condition)));
        assertEquals(expected, Conditions.matches(map(condition), CHARGE));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"all\": []}                                                                 | true",
                "{\"any\": []}                                                                 | false",
                "{\"all\": [{\"path\": \"alert.severity\", \"op\": \"eq\", \"value\": \"error\"},"
                        + " {\"path\": \"payload.amount\", \"op\": \"gt\", \"value\": 1000}]}          | true",
                "{\"all\": [{\"path\": \"alert.severity\", \"op\": \"eq\", \"value\": \"error\"},"
                        + " {\"path\": \"payload.amount\", \"op\": \"gt\", \"value\": 9000}]}          | false",
                "{\"any\": [{\"path\": \"alert.severity\", \"op\": \"eq\", \"value\": \"info\"},"
                        + " {\"path\": \"payload.amount\", \"op\": \"gt\", \"value\": 1000}]}          | true",
                "{\"any\": [{\"path\": \"alert.severity\", \"op\": \"eq\", \"value\": \"info\"},"
                        + " {\"path\": \"payload.amount\", \"op\": \"gt\", \"value\": 9000}]}          | false",
                "{\"all\": [{\"path\": \"payload.currency\", \"op\": \"eq\", \"value\": \"usd\"},"
                        + " {\"any\": [{\"path\": \"payload.tags\", \"op\": \"contains\", \"value\": \"vip\"},"
                        + " {\"path\": \"payload.amount\", \"op\": \"gte\", \"value\": 10000}]}]}  | true",
                "{\"all\": [{\"path\": \"payload.currency\", \"op\": \"eq\", \"value\": \"usd\"},"
                        + " {\"any\": [{\"path\": \"payload.tags\", \"op\": \"contains\", \"value\": \"new\"},"
                        + " {\"path\": \"payload.amount\", \"op\": \"gte\", \"value\": 10000}]}]}  | false",
                "{\"any\": [{\"all\": []}, {\"path\": \"payload.nope\", \"op\": \"exists\"}]}  | true"
            })
    void groupsNest(String conditions, boolean expected) {
        assertEquals(List.of(), Conditions.validate(map(conditions)));
        assertEquals(expected, Conditions.matches(map(conditions), CHARGE));
    }

    @Test
    void noConditionsMatchEverything() {
        assertTrue(Conditions.matches(null, CHARGE));
        assertTrue(Conditions.matches(Map.of(), CHARGE));
        assertEquals(List.of(), Conditions.validate(null));
        assertEquals(List.of(), Conditions.validate(Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"all\": [{\"path\": \"payload.x\", \"op\": \"equals\", \"value\": 1}]}   | /all/0/op: unknown operator \"equals\"",
                "{\"all\": [{\"path\": \"payload.x\", \"value\": 1}]}                       | /all/0/op: required",
                "{\"all\": [{\"path\": \"payload.x\", \"op\": 3, \"value\": 1}]}            | /all/0/op: unknown operator 3",
                "{\"all\": [{\"op\": \"eq\", \"value\": 1}]}                                | /all/0/path: required",
                "{\"any\": [{\"path\": \"payload..x\", \"op\": \"exists\"}]}                | /any/0/path: is not a path",
                "{\"any\": [{\"path\": 7, \"op\": \"exists\"}]}                             | /any/0/path: is not a path",
                "{\"all\": [{\"path\": \"payload.x\", \"op\": \"eq\"}]}                     | /all/0/value: required for \"eq\"",
                "{\"all\": [{\"path\": \"payload.x\", \"op\": \"ne\", \"value\": {}}]}      | /all/0/value: must be a string, number, boolean or null for \"ne\"",
                "{\"all\": [{\"path\": \"payload.x\", \"op\": \"contains\", \"value\": []}]} | /all/0/value: must be a string, number, boolean or null for \"contains\"",
                "{\"path\": \"payload.x\", \"op\": \"gt\", \"value\": \"abc\"}              | /value: must be a number or an ISO-8601 timestamp for \"gt\"",
                "{\"path\": \"payload.x\", \"op\": \"lte\"}                                 | /value: must be a number or an ISO-8601 timestamp for \"lte\"",
                "{\"path\": \"payload.x\", \"op\": \"in\", \"value\": \"usd\"}              | /value: must be a list for \"in\"",
                "{\"path\": \"payload.x\", \"op\": \"in\", \"value\": [[1]]}                | /value: must list only strings, numbers, booleans or null",
                "{\"path\": \"payload.x\", \"op\": \"exists\", \"value\": \"yes\"}          | /value: must be true or false for \"exists\"",
                "{\"path\": \"payload.x\", \"op\": \"matches\", \"value\": 5}               | /value: must be a regular expression string for \"matches\"",
                "{\"path\": \"payload.x\", \"op\": \"matches\", \"value\": \"(ab\"}         | /value: is not a valid regular expression (RE2 syntax: no backreferences or lookaround): missing closing )",
                "{\"path\": \"payload.x\", \"op\": \"exists\", \"val\": true}               | /val: unknown key",
                "{\"all\": {\"path\": \"payload.x\", \"op\": \"exists\"}}                   | /all: must be a list of conditions",
                "{\"all\": [], \"any\": []}                                                 | /: must have either \"all\" or \"any\", not both",
                "{\"all\": [], \"name\": \"x\"}                                             | /name: unknown key in a group",
                "{\"all\": [1]}                                                             | /all/0: must be an object",
                "{\"severity\": \"error\"}                                                  | /: must be a group {\"all\": […]} or {\"any\": […]}, or a condition",
                "{\"all\": [{\"any\": [{\"path\": \"p\", \"op\": \"nope\"}]}]}              | /all/0/any/0/op: unknown operator \"nope\""
            })
    void validateLocatesEachProblem(String conditions, String expected) {
        List<String> errors = Conditions.validate(map(conditions));
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith(expected), errors::toString);
        assertFalse(Conditions.matches(map(conditions), CHARGE));
    }

    @Test
    void validateReportsEveryProblem() {
        List<String> errors = Conditions.validate(map("""
                {"all": [{"path": "payload..x", "op": "eq", "value": 1},
                         {"path": "payload.y", "op": "between"},
                         {"any": [{"path": "payload.z", "op": "in", "value": 2}]}]}
                """));
        assertEquals(
                List.of(
                        "/all/0/path: is not a path like payload.order.id, payload.items.0 or payload[\"a.b\"]",
                        "/all/1/op: unknown operator \"between\" (one of eq, ne, gt, gte, lt, lte, in, contains, exists, matches)",
                        "/all/2/any/0/value: must be a list for \"in\""),
                errors);
    }

    @Test
    void oneInvalidConditionMakesTheWholeRuleNotMatch() {
        // fail closed: an "any" that would match through its valid branch still does not
        Map<String, Object> conditions = map("""
                {"any": [{"path": "payload.currency", "op": "eq", "value": "usd"},
                         {"path": "payload.currency", "op": "like", "value": "us%"}]}
                """);
        assertFalse(Conditions.matches(conditions, CHARGE));
    }

    @ParameterizedTest(name = "{0} levels")
    @ValueSource(ints = {1, 5, ConditionTree.MAX_DEPTH})
    void groupsNestUpToTheDepthLimit(int levels) {
        Map<String, Object> conditions = nested(levels);
        assertEquals(List.of(), Conditions.validate(conditions));
        assertTrue(Conditions.matches(conditions, CHARGE));
    }

    @Test
    void validateReportsGroupsNestedTooDeep() {
        Map<String, Object> conditions = nested(ConditionTree.MAX_DEPTH + 1);
        String at = "/all/0".repeat(ConditionTree.MAX_DEPTH);
        assertEquals(List.of(at + ": groups nest deeper than 10 levels"), Conditions.validate(conditions));
        assertFalse(Conditions.matches(conditions, CHARGE));
    }

    @Test
    void validateRejectsOverlongPatterns() {
        Map<String, Object> condition = Map.of("path", "payload.currency", "op", "matches", "value", "a".repeat(501));
        assertEquals(List.of("/value: must be at most 500 characters"), Conditions.validate(condition));
        Map<String, Object> longest = Map.of("path", "payload.currency", "op", "matches", "value", "a".repeat(500));
        assertEquals(List.of(), Conditions.validate(longest));
    }

    @Test
    void catastrophicBacktrackingGivesUpAsNoMatch() {
        // (a+)+$ against a long run of a's ending in something else backtracks exponentially
        Map<String, Object> context = Map.of("payload", Map.of("s", "a".repeat(40) + "!"));
        Map<String, Object> condition = Map.of("path", "payload.s", "op", "matches", "value", "^(a+)+$");
        assertFalse(Conditions.matches(condition, context));
    }

    @Test
    void alternationStarOnSixtyThousandCharactersMatchesWithoutOverflowingTheStack() {
        // java.util.regex recurses per repetition of (a|b) and threw StackOverflowError here
        Map<String, Object> context = Map.of("payload", Map.of("s", "ab".repeat(30_000)));
        Map<String, Object> condition = Map.of("path", "payload.s", "op", "matches", "value", "^(a|b)*$");
        assertTrue(Conditions.matches(condition, context));
    }

    @Test
    void validateRefusesPatternsWithoutALinearTimeMatch() {
        Map<String, Object> condition = Map.of("path", "payload.currency", "op", "matches", "value", "(a)\\1");
        List<String> errors = Conditions.validate(condition);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("/value: is not a valid regular expression (RE2 syntax"), errors::toString);
    }

    @Test
    void oneRegexBudgetCoversEveryConditionOfTheEvent() {
        Map<String, Object> context = Map.of("payload", Map.of("s", "x".repeat(100)));
        Map<String, Object> tenScans = map("{\"all\": ["
                + String.join(
                        ", ",
                        java.util.Collections.nCopies(
                                10, "{\"path\": \"payload.s\", \"op\": \"matches\", \"value\": \"x\"}"))
                + "]}");
        assertTrue(Conditions.matches(tenScans, context, new RegexBudget(1_000)));
        RegexBudget shared = new RegexBudget(1_500);
        assertTrue(Conditions.matches(tenScans, context, shared));
        assertFalse(Conditions.matches(tenScans, context, shared), "the second rule finds the event's budget spent");
    }

    @Test
    void validateRefusesMoreConditionLeavesThanTheLimit() {
        String leaf = "{\"path\": \"payload.currency\", \"op\": \"eq\", \"value\": \"usd\"}";
        Map<String, Object> three =
                map("{\"any\": [" + String.join(", ", java.util.Collections.nCopies(3, leaf)) + "]}");
        assertEquals(List.of(), Conditions.validate(three, 3));
        assertEquals(List.of("/: has 3 conditions; a rule may have at most 2"), Conditions.validate(three, 2));
    }

    @Test
    void defaultLeafLimitRefusesAThousandConditions() {
        String leaf = "{\"path\": \"payload.currency\", \"op\": \"eq\", \"value\": \"usd\"}";
        Map<String, Object> thousand =
                map("{\"any\": [" + String.join(", ", java.util.Collections.nCopies(1000, leaf)) + "]}");
        assertEquals(List.of("/: has 1000 conditions; a rule may have at most 100"), Conditions.validate(thousand));
    }

    @Test
    void patternCacheStaysBounded() {
        for (int i = 0; i < 1000; i++) {
            Conditions.matches(Map.of("path", "payload.currency", "op", "matches", "value", "u" + i), CHARGE);
        }
        assertTrue(Regexes.cachedCount() <= 256, () -> "cached " + Regexes.cachedCount());
    }

    @Test
    void unusualContextsNeverThrow() {
        Map<String, Object> condition = map("{\"path\": \"payload.a.b\", \"op\": \"gt\", \"value\": 1}");
        Map<String, Object> withNulls = new HashMap<>();
        withNulls.put("payload", null);
        assertFalse(Conditions.matches(condition, null));
        assertFalse(Conditions.matches(condition, withNulls));
        assertFalse(Conditions.matches(condition, Map.of("payload", List.of("x"))));
        assertFalse(Conditions.matches(condition, Map.of("payload", Map.of("a", Double.NaN))));
    }

    private static Map<String, Object> nested(int levels) {
        Map<String, Object> node = Map.of("path", "payload.currency", "op", "eq", "value", "usd");
        for (int i = 0; i < levels; i++) {
            node = Map.of("all", List.of(node));
        }
        return node;
    }
}
