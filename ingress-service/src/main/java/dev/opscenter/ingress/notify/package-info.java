/**
 * Notifications admin API: channels, templates, recipient groups, rules (with dry-run) and the notification log.
 * The worker reads what is configured here; ingress only previews, and re-queues failed notifications on the Redis
 * notifications stream.
 */
package dev.opscenter.ingress.notify;
