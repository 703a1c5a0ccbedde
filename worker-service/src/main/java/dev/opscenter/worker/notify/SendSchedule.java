package dev.opscenter.worker.notify;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * SendSchedule says when a failed send is tried again: the configured wait for that retry (1 min, 5 min, 15 min by
 * default for notifications) spread by ±jitter, or the peer's Retry-After when it asks for longer; none after the last
 * one. Notifications and the relay's deliveries share it.
 */
public record SendSchedule(List<Duration> waits, double jitter, DoubleSupplier random) {

    /** Whether a notification that has made {@code attempts} attempts may make another. */
    public boolean mayRetry(int attempts) {
        return attempts <= waits.size();
    }

    /** Wait before the next attempt after {@code attempts} failed ones; retryAfter (may be null) is honoured when longer. */
    public Duration next(int attempts, Duration retryAfter) {
        Duration nominal = waits.get(Math.min(Math.max(attempts, 1), waits.size()) - 1);
        double factor = 1 - jitter + 2 * jitter * random.getAsDouble();
        Duration wait = Duration.ofMillis(Math.round(nominal.toMillis() * factor));
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
