/**
 * Notifications: when the worker finishes an event, matching rules become notification_logs rows (in the same
 * transaction, keyed per event, rule and recipient) and entries on the notifications stream; notification consumers
 * (their own consumer group, so sending never slows event processing) send them through a channel with retries,
 * rate limits and live status updates. Large recipient groups fan out in chunks.
 */
package dev.opscenter.worker.notify;
