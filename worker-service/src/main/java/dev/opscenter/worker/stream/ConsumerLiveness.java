package dev.opscenter.worker.stream;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;

/**
 * ConsumerLiveness reports the worker DOWN (liveness, so the orchestrator restarts it) when a stream reader thread
 * has ended while its readers are meant to run: a worker without consumers would otherwise look healthy while no
 * event or notification moves.
 */
@Singleton
@Liveness
public final class ConsumerLiveness implements HealthIndicator {
    static final String NAME = "consumers";

    private final Map<String, StreamReaders> readers = new ConcurrentHashMap<>();

    /** Watches a set of readers under a name (events, notifications). */
    public void watch(String name, StreamReaders group) {
        readers.put(name, group);
    }

    /** UP when every started reader thread is alive. */
    public HealthStatus status() {
        return readers.values().stream().allMatch(r -> r.alive() == r.expected()) ? HealthStatus.UP : HealthStatus.DOWN;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, String> details = new LinkedHashMap<>();
        readers.forEach((name, r) -> details.put(name, r.alive() + " of " + r.expected() + " alive"));
        return Publishers.just(
                HealthResult.builder(NAME, status()).details(details).build());
    }
}
