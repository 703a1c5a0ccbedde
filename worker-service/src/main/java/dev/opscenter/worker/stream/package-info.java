/**
 * Reading Redis streams as consumer groups, for any kind of work (the events of {@code alert}, the notifications of
 * {@code notify}): the readers, the lifecycle and health of every group, the claimer that takes over entries of dead
 * consumers, and the retry queue that brings failed work back after its backoff. It knows nothing of what the entries
 * mean; nothing here imports the packages that use it.
 */
package dev.opscenter.worker.stream;
