package dev.opscenter.common.vocabulary;

import io.micronaut.serde.annotation.Serdeable;

/** EventStatus is where a stored event is in processing ({@code webhook_events.status}). */
@Serdeable
public enum EventStatus implements WireName {
    /** Stored, waiting for a worker (also after a retryable failure or a replay). */
    PENDING,
    /** Claimed by a worker. */
    PROCESSING,
    /** Its alert (if any) and notifications are stored; replaying it would change nothing. */
    PROCESSED,
    /** Given up on after the configured attempts, with its error; replayable. */
    FAILED;

    /** Parses a wire name; anything else fails with the names it expected. */
    public static EventStatus parse(String value) {
        return WireName.parse(EventStatus.class, "event status", value);
    }
}
