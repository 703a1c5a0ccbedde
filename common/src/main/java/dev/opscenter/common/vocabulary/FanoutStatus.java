package dev.opscenter.common.vocabulary;

import io.micronaut.serde.annotation.Serdeable;

/** FanoutStatus is the progress of notifying one recipient group about one event ({@code notification_fanouts.status}). */
@Serdeable
public enum FanoutStatus implements WireName {
    /** Notifications are still being created, a chunk at a time. */
    RUNNING,
    /** Every member of the group has its notification. */
    DONE;

    /** Parses a wire name; anything else fails with the names it expected. */
    public static FanoutStatus parse(String value) {
        return WireName.parse(FanoutStatus.class, "fan-out status", value);
    }
}
