package dev.opscenter.worker.alert;

import java.time.Instant;

/** Outcome is what processing one event came to; every outcome lets its stream entries be acknowledged. */
public sealed interface Outcome {

    /** The event it is about. */
    long eventId();

    /** The event is finished; alertId is its alert (null when it raises none), createdNow false for a repeat. */
    record Processed(long eventId, Long alertId, boolean createdNow) implements Outcome {}

    /** The event was finished or unknown already: a redelivery, nothing to do. */
    record Skipped(long eventId, String why) implements Outcome {}

    /** This attempt failed; the event comes back at {@code due}. */
    record RetryLater(long eventId, int attempt, Instant due, String error) implements Outcome {}

    /** Out of attempts: parked as failed with its error, replayable from the dashboard. */
    record Failed(long eventId, int attempts, String error) implements Outcome {}
}
