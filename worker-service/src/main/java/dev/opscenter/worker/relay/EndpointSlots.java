package dev.opscenter.worker.relay;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * EndpointSlots caps how many of this replica's relay readers send to one subscription at once
 * ({@code opscenter.relay.endpoint-concurrency}). A reader finding every slot taken waits a moment
 * ({@code endpoint-slot-wait}): behind a fast endpoint a slot frees within milliseconds and the reader sends; behind a
 * slow one it gives up, so a slow endpoint with many deliveries waiting holds only its slots and the other readers keep
 * relaying to everyone else. One small semaphore per subscription that has been sent to; subscriptions are few.
 */
@Singleton
final class EndpointSlots {
    private final ConcurrentMap<Long, Semaphore> slots = new ConcurrentHashMap<>();
    private final int perEndpoint;
    private final Duration wait;

    EndpointSlots(RelaySettings settings) {
        this.perEndpoint = settings.endpointConcurrency();
        this.wait = settings.endpointSlotWait();
    }

    /** Takes a slot of the subscription's endpoint, waiting at most the slot wait; false when none freed meanwhile. */
    boolean tryTake(long subscriptionId) {
        try {
            return of(subscriptionId).tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back a slot taken by {@link #tryTake}. */
    void release(long subscriptionId) {
        of(subscriptionId).release();
    }

    /** Sends in flight to the subscription's endpoint from this replica. */
    int sending(long subscriptionId) {
        Semaphore s = slots.get(subscriptionId);
        return s == null ? 0 : perEndpoint - s.availablePermits();
    }

    private Semaphore of(long subscriptionId) {
        return slots.computeIfAbsent(subscriptionId, id -> new Semaphore(perEndpoint));
    }
}
