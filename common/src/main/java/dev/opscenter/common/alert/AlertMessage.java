package dev.opscenter.common.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * AlertMessage is an alert as the dashboard sees it, in the REST API and on the live socket.
 *
 * @param sourceId      the webhook source it came from, or null for a triggered event
 * @param eventSourceId the event source of a triggered event, or null for a webhook
 * @param source        slug of the webhook source, or name of the event source
 * @param severity      one of {@code info}, {@code warning}, {@code error}, {@code critical}
 * @param state         triage: {@code open}, {@code acknowledged} or {@code resolved}
 * @param acknowledgedBy who acknowledged it (null while not acknowledged); resolvedBy likewise
 */
@Serdeable
public record AlertMessage(
        long id,
        long eventId,
        Long sourceId,
        Long eventSourceId,
        String source,
        String sourceName,
        String eventType,
        String title,
        String message,
        String severity,
        Map<String, Object> metadata,
        boolean read,
        Instant createdAt,
        String state,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy) {
    /** The state of every new alert. */
    public static final String OPEN = "open";
}
