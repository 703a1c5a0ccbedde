package dev.opscenter.common.alert;

import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.common.vocabulary.NotificationStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * NotificationMessage is one notification to one recipient and what became of it, as the dashboard sees it: a row of
 * the REST notification log, and the data of a {@code notification} message on the live socket. The socket carries
 * the row as it was stored by the change it reports, with {@code body} left null (see {@link #withoutBody()}).
 *
 * @param body            the rendered body; null only on the live socket
 * @param lastError       why the last attempt failed; kept when a later attempt succeeds or a failed one is retried
 * @param responseCode    the peer's HTTP status, for channels that speak HTTP
 * @param suppressedCount repeats throttled since the previous notification of its group, reported in this one
 */
@Serdeable
public record NotificationMessage(
        long id,
        long eventId,
        @Nullable Long alertId,
        long ruleId,
        long channelId,
        ChannelType channelType,
        String recipient,
        @Nullable String subject,
        @Nullable String body,
        NotificationStatus status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String lastError,
        @Nullable Integer responseCode,
        int suppressedCount,
        @Nullable Instant sentAt,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The row without its body, as the live socket carries it: a body runs to 64 KB (a webhook's is the whole event)
     * and every dashboard would receive it with every status change; a page reads it over REST when it shows it.
     */
    public NotificationMessage withoutBody() {
        return new NotificationMessage(
                id,
                eventId,
                alertId,
                ruleId,
                channelId,
                channelType,
                recipient,
                subject,
                null,
                status,
                attempts,
                nextAttemptAt,
                lastError,
                responseCode,
                suppressedCount,
                sentAt,
                createdAt,
                updatedAt);
    }
}
