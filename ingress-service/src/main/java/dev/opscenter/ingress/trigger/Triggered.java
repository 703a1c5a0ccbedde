package dev.opscenter.ingress.trigger;

/** Triggered is what storing a triggered event came to: a new event, or a repeat of an event_id already stored. */
sealed interface Triggered {
    long id();

    /** A new event row, committed. */
    record Accepted(long id) implements Triggered {
    }

    /** The caller sent this event_id for this event source before; id is the first event's. */
    record Duplicate(long id) implements Triggered {
    }
}
