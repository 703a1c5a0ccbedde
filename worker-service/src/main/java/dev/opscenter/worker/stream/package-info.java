/**
 * Consuming the Redis events stream (written by ingress): the consumer-group readers, the claimer that takes over
 * entries of dead consumers, and the retry queue that brings failed events back after their backoff.
 */
package dev.opscenter.worker.stream;
