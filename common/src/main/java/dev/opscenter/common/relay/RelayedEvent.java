package dev.opscenter.common.relay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * RelayedEvent is the body a subscription receives: the event itself, {@code {"id", "event_id", "type", "source",
 * "received_at", "payload"}}. The payload is the event's JSON text spliced in as stored (a webhook's raw body as
 * received, a triggered event's payload), so the receiver sees the provider's own bytes, not a re-serialisation.
 *
 * @param id          the OpsCenter event id
 * @param eventId     the event's delivery id (the provider's, or the triggering request's {@code event_id})
 * @param type        the event type, null when the provider named none
 * @param source      the webhook source's slug, or the event source's name for a triggered event
 * @param payloadJson the event's JSON text; null for a body that is not JSON
 */
public record RelayedEvent(
        long id,
        @Nullable String eventId,
        @Nullable String type,
        String source,
        Instant receivedAt,
        @Nullable String payloadJson) {

    /** The body's fields, in the order they are written. */
    public static final List<String> FIELDS = List.of("id", "event_id", "type", "source", "received_at", "payload");

    /** The body as UTF-8 JSON; the same bytes on every attempt, so its signature can be checked against any copy. */
    public byte[] body(JsonMapper json) {
        String payload = payloadJson == null ? "null" : payloadJson.strip();
        String body = "{\"id\":" + id
                + ",\"event_id\":" + text(json, eventId)
                + ",\"type\":" + text(json, type)
                + ",\"source\":" + text(json, source)
                + ",\"received_at\":" + text(json, receivedAt.toString())
                + ",\"payload\":" + payload + "}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string (or null), escaped by the mapper whatever its inclusion settings. */
    private static String text(JsonMapper json, @Nullable String value) {
        if (value == null) {
            return "null";
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("text not serializable", e);
        }
    }
}
