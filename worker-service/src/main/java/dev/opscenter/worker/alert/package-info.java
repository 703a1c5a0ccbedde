/**
 * Turning a batch of stored events into their alerts, as the events stream's consumer group: claim the events, parse
 * each payload by provider, store the alerts once and mark the events processed in one transaction, then publish the
 * alerts on the live channel and the catch-up feed (read by realtime) in one round trip.
 */
package dev.opscenter.worker.alert;
