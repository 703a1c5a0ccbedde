package dev.opscenter.worker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * ProcessingLatency records how long an event took from its POST being received to being processed, both times read
 * from its row (the database's clock), as a Prometheus histogram: {@code opscenter_event_processing_latency_seconds}.
 */
@Singleton
public final class ProcessingLatency {
    private final Timer timer;

    ProcessingLatency(MeterRegistry meters) {
        this.timer = Timer.builder("opscenter.event.processing.latency")
                .description("Time from a webhook's POST being received to its event being processed")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                // a backlog takes minutes to drain; longer waits fall in +Inf
                .maximumExpectedValue(Duration.ofMinutes(15))
                .register(meters);
    }

    /** Records one processed event. */
    public void record(Instant receivedAt, Instant processedAt) {
        Duration latency = Duration.between(receivedAt, processedAt);
        timer.record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
