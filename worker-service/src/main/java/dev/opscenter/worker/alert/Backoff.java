package dev.opscenter.worker.alert;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Backoff is exponential with jitter: retry n waits {@code base * 2^(n-1)}, spread by up to ±20% so events that
 * failed together do not all return at the same instant.
 */
record Backoff(Duration base, DoubleSupplier random) {

    /** Wait before the retry that follows failed attempt {@code attempt} (1-based). */
    Duration after(int attempt) {
        long nominal = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        double jitter = 0.8 + 0.4 * random.getAsDouble();
        return Duration.ofMillis(Math.round(nominal * jitter));
    }
}
