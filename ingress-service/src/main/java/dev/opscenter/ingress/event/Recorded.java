package dev.opscenter.ingress.event;

/** Recorded is what storing a webhook came to: a new event, or a repeat of a delivery already stored. */
sealed interface Recorded {
    long id();

    /** A new event row, committed. */
    record Accepted(long id) implements Recorded {
    }

    /** The provider sent this delivery before; id is the first event's. */
    record Duplicate(long id) implements Recorded {
    }
}
