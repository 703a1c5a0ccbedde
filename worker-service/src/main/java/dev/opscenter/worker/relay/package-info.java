/**
 * The outbound relay: every processed event goes, as itself, to each matching active subscription. {@code alert}'s
 * completion plans the deliveries in the event's transaction ({@link dev.opscenter.worker.relay.DeliveryPlanner}) and
 * enqueues them after the commit on the deliveries stream; the {@code relays} group sends each one alone, signed,
 * retried with backoff, every attempt logged, every status change published live. Each subscription's endpoint is
 * protected by its rate limit and a circuit breaker, and switched off after failing for too long ({@link
 * dev.opscenter.worker.relay.EndpointGuard}).
 */
package dev.opscenter.worker.relay;
