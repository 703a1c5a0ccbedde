/**
 * Throttles clients that keep failing authentication (admin token, webhook signature, API key): failures are counted
 * per client address in Redis, shared by replicas, and a client over the limit gets 429 before any lookup is made.
 */
package dev.opscenter.ingress.ratelimit;
