package dev.opscenter.worker.metrics;

/**
 * WorkStream names a stream the worker consumes and the group that consumes it.
 *
 * @param name  short name used as the {@code stream} label ({@code events}, {@code notifications})
 * @param key   Redis key of the stream
 * @param group consumer group reading it
 */
record WorkStream(String name, String key, String group) {}
