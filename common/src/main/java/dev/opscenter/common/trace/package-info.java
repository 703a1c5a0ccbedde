/**
 * W3C trace context carried through Redis (events stream entries, live messages), so one OpenTelemetry trace goes from
 * the webhook's POST through its processing to the socket frame; nothing is carried while tracing is off.
 */
package dev.opscenter.common.trace;
