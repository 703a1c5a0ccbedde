package dev.opscenter.common.notify;

import dev.opscenter.common.alert.AlertMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NotificationContext builds the variables templates and rule conditions see, the same way for the worker (sending)
 * and for ingress (dry-run, preview): {@code alert} (absent when the event raised none), {@code event} and
 * {@code payload} (the event's parsed JSON).
 */
public final class NotificationContext {
    private NotificationContext() {}

    /** The facts about one stored event a context is built from. */
    public record EventFacts(long id, String type, String source, String deliveryId, Instant receivedAt) {}

    /** Builds the context; alert may be null, payload may be any JSON value as maps/lists/scalars. */
    public static Map<String, Object> of(AlertMessage alert, EventFacts event, Object payload) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (alert != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", alert.id());
            a.put("title", alert.title());
            a.put("message", alert.message());
            a.put("severity", alert.severity());
            a.put("source", alert.source());
            a.put("sourceName", alert.sourceName());
            a.put("eventType", alert.eventType());
            a.put("metadata", alert.metadata() == null ? Map.of() : alert.metadata());
            a.put(
                    "createdAt",
                    alert.createdAt() == null ? null : alert.createdAt().toString());
            context.put("alert", a);
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", event.id());
        e.put("type", event.type());
        e.put("source", event.source());
        e.put("deliveryId", event.deliveryId());
        e.put(
                "receivedAt",
                event.receivedAt() == null ? null : event.receivedAt().toString());
        context.put("event", e);
        context.put("payload", payload);
        return context;
    }
}
