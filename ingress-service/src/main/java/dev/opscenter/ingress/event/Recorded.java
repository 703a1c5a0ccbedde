package dev.opscenter.ingress.event;

import java.util.Optional;

/**
 * Recorded is what storing an event came to: a new event, a repeat of one already stored, or a refusal that stored
 * nothing. The intake endpoints map each to their answer (202, 200, 400).
 */
public sealed interface Recorded {

    /** A new event row, committed. */
    record Accepted(long id) implements Recorded {}

    /**
     * The sender sent this event before (the same delivery id or event_id, or the same body within the source's replay
     * window); id is the first event's. Nothing was stored.
     */
    record Duplicate(long id) implements Recorded {}

    /** PostgreSQL's JSON parser refused the body (an escaped NUL character, …): the sender's fault. Nothing was stored. */
    record UnstorableJson() implements Recorded {}

    /** The stored event this came to (for a repeat, the first one); empty when nothing was stored. */
    default Optional<Long> eventId() {
        return switch (this) {
            case Accepted accepted -> Optional.of(accepted.id());
            case Duplicate duplicate -> Optional.of(duplicate.id());
            case UnstorableJson unstorable -> Optional.empty();
        };
    }
}
