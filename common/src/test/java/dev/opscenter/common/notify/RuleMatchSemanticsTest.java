package dev.opscenter.common.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.notify.RuleMatch.Criteria;
import dev.opscenter.common.notify.RuleMatch.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleMatchSemanticsTest {
    private static final Map<String, Object> CONTEXT = Map.of(
            "event", Map.of("type", "invoice.paid", "source", "stripe"),
            "payload",
                    Map.of(
                            "amount",
                            250,
                            "customer",
                            Map.of("email", "buyer@example.com"),
                            "watchers",
                            List.of("w1@example.com", 7, "buyer@example.com")));

    private static final Criteria ANY = new Criteria(true, null, null, null, null, null);
    private static final Event WEBHOOK = new Event(1L, null, "invoice.paid", Severity.WARNING, CONTEXT);

    private static Criteria withPattern(String pattern) {
        return new Criteria(true, null, null, pattern, null, null);
    }

    @Test
    void ruleWithNothingSetMatchesEveryEvent() {
        assertTrue(RuleMatch.matches(ANY, WEBHOOK));
        assertTrue(RuleMatch.matches(ANY, new Event(null, 9L, null, null, Map.of())));
    }

    @Test
    void inactiveRuleMatchesNothing() {
        assertFalse(RuleMatch.matches(new Criteria(false, null, null, null, null, null), WEBHOOK));
    }

    @Test
    void sourceMustBeTheEventsWebhookSource() {
        assertTrue(RuleMatch.matches(new Criteria(true, 1L, null, null, null, null), WEBHOOK));
        assertFalse(RuleMatch.matches(new Criteria(true, 2L, null, null, null, null), WEBHOOK));
        assertFalse(
                RuleMatch.matches(
                        new Criteria(true, 1L, null, null, null, null), new Event(null, 1L, "x", null, Map.of())),
                "a triggered event has no webhook source, whatever its event source id");
    }

    @Test
    void eventSourceMustBeTheEventsEventSource() {
        Event triggered = new Event(null, 5L, "user.signup", null, Map.of());
        assertTrue(RuleMatch.matches(new Criteria(true, null, 5L, null, null, null), triggered));
        assertFalse(RuleMatch.matches(new Criteria(true, null, 6L, null, null, null), triggered));
        assertFalse(RuleMatch.matches(new Criteria(true, null, 5L, null, null, null), WEBHOOK));
    }

    @Test
    void patternMatchesTheEventType() {
        assertTrue(RuleMatch.matches(withPattern("invoice.*"), WEBHOOK));
        assertTrue(RuleMatch.matches(withPattern("invoice.paid"), WEBHOOK));
        assertFalse(RuleMatch.matches(withPattern("charge.*"), WEBHOOK));
        assertFalse(
                RuleMatch.matches(withPattern("invoice.*"), new Event(1L, null, null, null, Map.of())),
                "an event without a type matches no pattern but a bare wildcard");
    }

    @ParameterizedTest(name = "min {0}, alert {1} -> {2}")
    @CsvSource({
        "WARNING, WARNING, true",
        "WARNING, CRITICAL, true",
        "ERROR, WARNING, false",
        "INFO, INFO, true",
        "INFO, , false"
    })
    void minSeverityNeedsAnAlertAtLeastThatSevere(Severity min, Severity alert, boolean expected) {
        Criteria rule = new Criteria(true, null, null, null, min, null);
        assertEquals(expected, RuleMatch.matches(rule, new Event(1L, null, "x", alert, CONTEXT)));
    }

    @Test
    void conditionsAreEvaluatedAgainstTheContext() {
        Criteria big = new Criteria(
                true,
                null,
                null,
                null,
                null,
                Map.of("all", List.of(Map.of("path", "payload.amount", "op", "gt", "value", 100))));
        Criteria huge = new Criteria(
                true,
                null,
                null,
                null,
                null,
                Map.of("all", List.of(Map.of("path", "payload.amount", "op", "gt", "value", 1000))));
        assertTrue(RuleMatch.matches(big, WEBHOOK));
        assertFalse(RuleMatch.matches(huge, WEBHOOK));
    }

    @Test
    void recipientsAreFixedThenFieldThenGroupEachOnce() {
        List<String> recipients = RuleMatch.recipients(
                List.of("ops@example.com", "buyer@example.com"),
                "payload.customer.email",
                CONTEXT,
                List.of("a@example.com", "ops@example.com", "b@example.com"));
        assertEquals(List.of("ops@example.com", "buyer@example.com", "a@example.com", "b@example.com"), recipients);
    }

    @Test
    void fieldHoldingAListAddsEachTextInIt() {
        assertEquals(
                List.of("w1@example.com", "buyer@example.com"),
                RuleMatch.recipients(List.of(), "payload.watchers", CONTEXT, List.of()));
    }

    @Test
    void fieldThatIsAbsentOrNotTextAddsNoOne() {
        assertEquals(List.of("x"), RuleMatch.recipients(List.of("x"), "payload.nobody", CONTEXT, List.of()));
        assertEquals(List.of("x"), RuleMatch.recipients(List.of("x"), "payload.amount", CONTEXT, List.of()));
        assertEquals(List.of("x"), RuleMatch.recipients(List.of("x", " "), null, CONTEXT, List.of()));
    }
}
