/**
 * The relay's admin API: subscriptions (which events go to which URL, signed with a write-only secret, rotated with a
 * grace period) under /api/subscriptions, and the deliveries the worker makes of them under /api/deliveries, with
 * their attempts and manual retries that put delivery ids back on the Redis deliveries stream. A subscription's test
 * (a stored test event and its one delivery, sent by the worker) and its endpoint health come from the same tables.
 */
package dev.opscenter.ingress.relay;
