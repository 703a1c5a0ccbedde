/**
 * Meters an SRE and an autoscaler read on {@code /prometheus}: the work streams' length, lag, pending entries and
 * oldest pending age (sampled from Redis on a schedule), and the POST → processed latency of events.
 */
package dev.opscenter.worker.metrics;
