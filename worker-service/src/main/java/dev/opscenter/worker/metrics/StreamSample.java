package dev.opscenter.worker.metrics;

/**
 * StreamSample is what Redis said about one work stream and its consumer group at one moment.
 *
 * @param length                entries in the stream (XLEN)
 * @param lag                   entries not yet delivered to the group
 * @param pending               entries delivered to a consumer and not acknowledged
 * @param oldestPendingSeconds  age of the oldest pending entry, from the time in its id; 0 when none is pending
 * @param consumers             consumers the group knows
 */
record StreamSample(long length, long lag, long pending, double oldestPendingSeconds, long consumers) {
    /** A stream that does not exist yet. */
    static final StreamSample EMPTY = new StreamSample(0, 0, 0, 0, 0);
}
