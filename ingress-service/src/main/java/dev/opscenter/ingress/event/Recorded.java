package dev.opscenter.ingress.event;

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
}
