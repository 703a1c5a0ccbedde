package dev.opscenter.common.alert;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * AlertMessage is an alert as the dashboard sees it, in the REST API and on the live socket.
 *
 * @param severity one of {@code info}, {@code warning}, {@code error}, {@code critical}
 */
@Serdeable
public record AlertMessage(
        long id,
        long eventId,
        long sourceId,
        String source,
        String sourceName,
        String eventType,
        String title,
        String message,
        String severity,
        Map<String, Object> metadata,
        boolean read,
        Instant createdAt) {
}
