package dev.opscenter.worker.alert;

import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * StoredEvent is an event row with where it came from, as processing needs it: a webhook source (kind, slug) or an
 * event source (name, whether it raises an alert and how severe).
 */
public record StoredEvent(
        long id,
        @Nullable Long sourceId,
        @Nullable Long eventSourceId,
        SourceKind kind,
        String source,
        String sourceName,
        @Nullable String eventType,
        @Nullable String deliveryId,
        Instant receivedAt,
        @Nullable String payloadJson,
        byte[] rawBody,
        String headersJson,
        boolean raisesAlert,
        @Nullable String alertSeverity) {

    /** Kind given to triggered events; parsed like Standard Webhooks payloads (title, message, severity fields). */
    public static final SourceKind TRIGGERED = SourceKind.STANDARD;

    /** Whether this event should become an alert: webhooks always, triggered events when their source says so. */
    public boolean alerting() {
        return eventSourceId == null || raisesAlert;
    }
}
