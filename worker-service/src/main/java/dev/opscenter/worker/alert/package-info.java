/**
 * Turning one stored event into its alert: claim the event, parse the payload by provider, store the alert once,
 * mark the event processed, then publish the alert on the live channel and the catch-up feed (read by realtime).
 */
package dev.opscenter.worker.alert;
