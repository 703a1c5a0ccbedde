package dev.opscenter.ingress.ratelimit;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * ClientTable is per-client state that expires, bounded so that an attacker spraying addresses cannot grow it without
 * limit: when full, expired entries go, and if it is still full the oldest half goes.
 */
final class ClientTable<V> {
    private final int capacity;
    private final Function<V, Instant> expiry;
    private final Map<String, V> entries = new ConcurrentHashMap<>();

    ClientTable(int capacity, Function<V, Instant> expiry) {
        this.capacity = capacity;
        this.expiry = expiry;
    }

    /** The live entry for a client, or null. */
    V get(String client, Instant now) {
        V value = entries.get(client);
        return value == null || !expiry.apply(value).isAfter(now) ? null : value;
    }

    /** Replaces the client's entry with what the function makes of the live one (null when none). */
    V update(String client, Instant now, Function<V, V> next) {
        if (entries.size() >= capacity) {
            evict(now);
        }
        return entries.compute(
                client, (k, old) -> next.apply(old == null || !expiry.apply(old).isAfter(now) ? null : old));
    }

    private void evict(Instant now) {
        entries.values().removeIf(v -> !expiry.apply(v).isAfter(now));
        if (entries.size() >= capacity) {
            entries.values().stream()
                    .map(expiry)
                    .sorted()
                    .skip(entries.size() / 2)
                    .findFirst()
                    .ifPresent(median ->
                            entries.values().removeIf(v -> expiry.apply(v).isBefore(median)));
        }
    }
}
