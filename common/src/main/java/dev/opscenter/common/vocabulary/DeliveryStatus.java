package dev.opscenter.common.vocabulary;

import io.micronaut.serde.annotation.Serdeable;

/** DeliveryStatus is what became of one event relayed to one subscription ({@code deliveries.status}). */
@Serdeable
public enum DeliveryStatus implements WireName {
    /** Waiting to be sent: new, or due for a retry. */
    PENDING,
    /** Claimed by a sender; presumed lost and sent again if it stays so past the send timeout. */
    SENDING,
    /** The receiver answered 2xx. */
    SUCCEEDED,
    /** Refused for good or given up on after the last attempt; retryable through the API. */
    FAILED;

    /** Parses a wire name; anything else fails with the names it expected. */
    public static DeliveryStatus parse(String value) {
        return WireName.parse(DeliveryStatus.class, "delivery status", value);
    }
}
