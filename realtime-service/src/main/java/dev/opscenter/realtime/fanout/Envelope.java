package dev.opscenter.realtime.fanout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Envelope is the part of a live message the fan-out reads: its type, feed id and trace context (while tracing is on);
 * the data is passed on untouched.
 */
@Serdeable
record Envelope(String type, String id, @Nullable String traceparent) {}
