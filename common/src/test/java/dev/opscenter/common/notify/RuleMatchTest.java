package dev.opscenter.common.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.alert.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleMatchTest {
    private static final Map<String, Object> CONTEXT = Map.of(
            "alert", Map.of("severity", "error"),
            "payload",
                    Map.of(
                            "amount",
                            120,
                            "customer",
                            Map.of("email", "a@example.com"),
                            "watchers",
                            List.of("b@example.com", "a@example.com")));

    private static RuleMatch.Event event(Long source, Long eventSource, String type, Severity severity) {
        return new RuleMatch.Event(source, eventSource, type, severity, CONTEXT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "matches anything,                  true,  NULL, NULL, NULL,       NULL,     true",
                "inactive never matches,            false, NULL, NULL, NULL,       NULL,     false",
                "bound to this source,              true,  7,    NULL, NULL,       NULL,     true",
                "bound to another source,           true,  8,    NULL, NULL,       NULL,     false",
                "bound to an event source,          true,  NULL, 3,    NULL,       NULL,     false",
                "type pattern matches,              true,  NULL, NULL, charge.*,   NULL,     true",
                "type pattern does not,             true,  NULL, NULL, push,       NULL,     false",
                "severity at the minimum,           true,  NULL, NULL, NULL,       ERROR,    true",
                "severity below the minimum,        true,  NULL, NULL, NULL,       CRITICAL, false"
            })
    void matchesOnSourceTypeAndSeverity(
            String name,
            boolean active,
            Long source,
            Long eventSource,
            String pattern,
            Severity min,
            boolean expected) {
        RuleMatch.Criteria rule = new RuleMatch.Criteria(active, source, eventSource, pattern, min, null);
        assertEquals(expected, RuleMatch.matches(rule, event(7L, null, "charge.dispute.created", Severity.ERROR)));
    }

    @Test
    void minimumSeverityNeedsAnAlert() {
        RuleMatch.Criteria rule = new RuleMatch.Criteria(true, null, null, null, Severity.INFO, null);
        assertEquals(false, RuleMatch.matches(rule, event(null, 3L, "order_created", null)));
    }

    @Test
    void conditionsMustHold() {
        Map<String, Object> over100 =
                Map.of("all", List.of(Map.of("path", "payload.amount", "op", "gt", "value", 100)));
        Map<String, Object> over200 =
                Map.of("all", List.of(Map.of("path", "payload.amount", "op", "gt", "value", 200)));
        assertEquals(
                true,
                RuleMatch.matches(
                        new RuleMatch.Criteria(true, null, null, null, null, over100), event(7L, null, "x", null)));
        assertEquals(
                false,
                RuleMatch.matches(
                        new RuleMatch.Criteria(true, null, null, null, null, over200), event(7L, null, "x", null)));
    }

    @Test
    void recipientsAreFixedThenFromThePayloadWithoutRepeats() {
        assertEquals(
                List.of("ops@example.com", "a@example.com"),
                RuleMatch.recipients(List.of("ops@example.com", " "), "payload.customer.email", CONTEXT, List.of()));
        assertEquals(
                List.of("a@example.com", "b@example.com"),
                RuleMatch.recipients(List.of("a@example.com"), "payload.watchers", CONTEXT, List.of()));
        assertEquals(List.of(), RuleMatch.recipients(null, "payload.missing", CONTEXT, List.of()));
    }

    @Test
    void recipientsFromThePayloadFieldAreCappedWithTheRestCounted() {
        List<String> many = java.util.stream.IntStream.range(0, 40_000)
                .mapToObj(i -> "u" + i + "@example.com")
                .toList();
        Map<String, Object> context = Map.of("payload", Map.of("to", many));
        RuleMatch.Audience audience =
                RuleMatch.audience(List.of("ops@example.com"), "payload.to", context, List.of(), 50);
        assertEquals(51, audience.recipients().size());
        assertEquals("u49@example.com", audience.recipients().get(50));
        assertEquals(40_000, audience.fieldValues());
        assertEquals(39_950, audience.dropped());
    }

    @Test
    void recipientsListUsesTheDefaultFieldLimitOfFifty() {
        List<String> many = java.util.stream.IntStream.range(0, 1_000)
                .mapToObj(i -> "u" + i + "@example.com")
                .toList();
        assertEquals(
                50,
                RuleMatch.recipients(List.of(), "payload.to", Map.of("payload", Map.of("to", many)), List.of())
                        .size());
    }
}
