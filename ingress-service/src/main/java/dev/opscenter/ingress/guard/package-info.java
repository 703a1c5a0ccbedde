/**
 * Guards the server against slow clients and failing dependencies: a cap on connections per client address and a
 * deadline for reading a request (Netty), a circuit breaker that answers webhooks 503 at once while PostgreSQL is
 * known to be down, and a bound on webhooks in progress.
 */
package dev.opscenter.ingress.guard;
