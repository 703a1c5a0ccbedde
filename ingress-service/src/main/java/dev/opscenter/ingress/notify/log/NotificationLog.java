package dev.opscenter.ingress.notify.log;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * NotificationLog is one notification to one recipient and what became of it.
 *
 * @param status          pending, sending, sent, failed or suppressed (throttled)
 * @param lastError       why the last attempt failed; kept when a failed notification is retried
 * @param responseCode    the peer's HTTP status, for channels that speak HTTP
 * @param suppressedCount repeats throttled since the previous notification of its group, reported in this one
 */
@Serdeable
public record NotificationLog(long id, long eventId, @Nullable Long alertId, long ruleId, long channelId, String channelType,
                              String recipient, @Nullable String subject, String body, String status, int attempts,
                              @Nullable Instant nextAttemptAt, @Nullable String lastError, @Nullable Integer responseCode,
                              int suppressedCount, @Nullable Instant sentAt, Instant createdAt, Instant updatedAt) {
}
