package dev.opscenter.realtime.fanout;

import io.micronaut.serde.annotation.Serdeable;

/** Envelope is the part of a live message the fan-out reads: its type and feed id; the data is passed on untouched. */
@Serdeable
record Envelope(String type, String id) {}
