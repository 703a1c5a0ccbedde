package dev.opscenter.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.notify.NotifyLimits;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriberTest {
    private static final Map<String, Object> CONTEXT =
            Map.of("payload", Map.of("order", Map.of("total", 1500)), "event", Map.of("type", "order.paid"));

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "order.paid | order.paid | true", // exact
                "order.* | order.paid | true",
                "* | order.paid | true",
                "order.refunded;order.* | order.paid | true", // any of several patterns
                "order.refunded | order.paid | false",
                "invoice.* | order.paid | false",
                "Order.paid | order.paid | false" // case-sensitive
            })
    void takesAnEventWhenOneOfItsPatternsMatchesTheType(String patterns, String type, boolean expected) {
        Subscriber subscriber = new Subscriber(1, List.of(patterns.split(";")), null, null);
        assertEquals(expected, subscriber.matches(type, null, () -> CONTEXT, NotifyLimits.DEFAULTS.newRegexBudget()));
    }

    @Test
    void sourceFilterTakesOnlyThatSourcesEvents() {
        Subscriber subscriber = new Subscriber(1, List.of("*"), 7L, null);
        assertTrue(subscriber.matches("push", 7L, () -> CONTEXT, NotifyLimits.DEFAULTS.newRegexBudget()));
        assertFalse(subscriber.matches("push", 8L, () -> CONTEXT, NotifyLimits.DEFAULTS.newRegexBudget()));
        assertFalse(
                subscriber.matches("push", null, () -> CONTEXT, NotifyLimits.DEFAULTS.newRegexBudget()),
                "a triggered event has no webhook source");
    }

    @Test
    void conditionsAreTheRuleConditionsOnTheEventContext() {
        Map<String, Object> big =
                Map.of("all", List.of(Map.of("path", "payload.order.total", "op", "gte", "value", 1000)));
        Map<String, Object> huge =
                Map.of("all", List.of(Map.of("path", "payload.order.total", "op", "gte", "value", 10_000)));
        assertTrue(new Subscriber(1, List.of("*"), null, big)
                .matches("order.paid", null, () -> CONTEXT, NotifyLimits.DEFAULTS.newRegexBudget()));
        assertFalse(new Subscriber(1, List.of("*"), null, huge)
                .matches("order.paid", null, () -> CONTEXT, NotifyLimits.DEFAULTS.newRegexBudget()));
    }

    @Test
    void contextIsNotBuiltWhenTypeOrSourceAlreadyRuleTheEventOut() {
        AtomicInteger built = new AtomicInteger();
        Supplier<Map<String, Object>> context = () -> {
            built.incrementAndGet();
            return CONTEXT;
        };
        Map<String, Object> conditions =
                Map.of("all", List.of(Map.of("path", "event.type", "op", "eq", "value", "order.paid")));
        new Subscriber(1, List.of("invoice.*"), null, conditions)
                .matches("order.paid", null, context, NotifyLimits.DEFAULTS.newRegexBudget());
        assertEquals(0, built.get());
    }
}
