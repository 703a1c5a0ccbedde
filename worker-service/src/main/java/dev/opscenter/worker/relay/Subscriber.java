package dev.opscenter.worker.relay;

import dev.opscenter.common.notify.Conditions;
import dev.opscenter.common.notify.EventTypePattern;
import dev.opscenter.common.notify.RegexBudget;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Subscriber is an active subscription as planning needs it: which events it takes. An event matches when one of its
 * type patterns matches the event type ({@link EventTypePattern}: exact, {@code order.*}, {@code *}), it comes from
 * the subscription's source when one is set, and the conditions pass on the event's context (the rule conditions of
 * notifications, same semantics).
 *
 * @param sourceId   the webhook source the event must come from; null takes every source, triggered events included
 * @param conditions the condition tree; null passes every event
 */
record Subscriber(
        long id,
        List<String> eventTypes,
        @Nullable Long sourceId,
        @Nullable Map<String, Object> conditions) {

    /** Whether the event goes to this subscription; the context is built only if conditions need it. */
    boolean matches(
            @Nullable String eventType,
            @Nullable Long eventSourceId,
            Supplier<Map<String, Object>> context,
            RegexBudget budget) {
        if (sourceId != null && !sourceId.equals(eventSourceId)) {
            return false;
        }
        if (eventTypes.stream().noneMatch(pattern -> EventTypePattern.matches(pattern, eventType))) {
            return false;
        }
        return conditions == null || Conditions.matches(conditions, context.get(), budget);
    }
}
