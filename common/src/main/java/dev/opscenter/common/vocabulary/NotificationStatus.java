package dev.opscenter.common.vocabulary;

import io.micronaut.serde.annotation.Serdeable;

/** NotificationStatus is what became of one notification to one recipient ({@code notification_logs.status}). */
@Serdeable
public enum NotificationStatus implements WireName {
    /** Waiting to be sent: new, due for a retry, or held back by a rate limit. */
    PENDING,
    /** Claimed by a sender; presumed lost and sent again if it stays so past the send timeout. */
    SENDING,
    SENT,
    /** Refused for good or given up on; retryable through the API. */
    FAILED,
    /** Throttled: a repeat inside its rule's window, counted in the next message of its group. */
    SUPPRESSED;

    /** Parses a wire name; anything else fails with the names it expected. */
    public static NotificationStatus parse(String value) {
        return WireName.parse(NotificationStatus.class, "notification status", value);
    }
}
