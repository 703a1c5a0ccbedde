package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.common.vocabulary.NotificationStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * NotificationLog is one notification to one recipient and what became of it.
 *
 * @param lastError       why the last attempt failed; kept when a failed notification is retried
 * @param responseCode    the peer's HTTP status, for channels that speak HTTP
 * @param suppressedCount repeats throttled since the previous notification of its group, reported in this one
 */
@Serdeable
public record NotificationLog(long id, long eventId, @Nullable Long alertId, long ruleId, long channelId, ChannelType channelType,
                              String recipient, @Nullable String subject, String body, NotificationStatus status, int attempts,
                              @Nullable Instant nextAttemptAt, @Nullable String lastError, @Nullable Integer responseCode,
                              int suppressedCount, @Nullable Instant sentAt, Instant createdAt, Instant updatedAt) {
}
