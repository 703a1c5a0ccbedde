package dev.opscenter.common.alert;

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
        Instant createdAt) {}
