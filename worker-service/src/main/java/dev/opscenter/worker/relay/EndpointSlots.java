package dev.opscenter.worker.relay;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * EndpointSlots caps how many of this replica's relay readers send to one subscription at once
 * ({@code opscenter.relay.endpoint-concurrency}), so a slow endpoint with many deliveries waiting holds only that many
 * readers and the others keep relaying to everyone else. A subscription with no send in flight has no entry.
 */
@Singleton
final class EndpointSlots {
    private final ConcurrentMap<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final int perEndpoint;

    EndpointSlots(RelaySettings settings) {
        this.perEndpoint = settings.endpointConcurrency();
    }

    /** Takes a slot of the subscription's endpoint; false when all of them are taken. */
    boolean tryTake(long subscriptionId) {
        boolean[] taken = {false};
        inFlight.compute(subscriptionId, (id, sending) -> {
            int now = sending == null ? 0 : sending;
            if (now >= perEndpoint) {
                return sending;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Gives back a slot taken by {@link #tryTake}. */
    void release(long subscriptionId) {
        inFlight.computeIfPresent(subscriptionId, (id, sending) -> sending <= 1 ? null : sending - 1);
    }

    /** Sends in flight to the subscription's endpoint from this replica. */
    int sending(long subscriptionId) {
        return inFlight.getOrDefault(subscriptionId, 0);
    }
}
