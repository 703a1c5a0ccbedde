package dev.opscenter.worker.relay;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * Tuning of the relay's sending; every key is documented in application.yml.
 *
 * @param batchSize     deliveries one reader takes per read; each is sent alone, so 1 keeps a slow endpoint from
 *                      holding up others read with it
 * @param maxAttempts   attempts in all before a delivery is failed
 * @param retrySchedule waits before retries 1, 2, 3…; retries past the list wait its last entry
 * @param sendTimeout   how long a delivery may stay "sending" before it is presumed lost and sent again
 */
@ConfigurationProperties("opscenter.relay")
public record RelaySettings(
        int concurrency,
        int batchSize,
        Duration block,
        Duration claimIdle,
        int maxAttempts,
        List<Duration> retrySchedule,
        double jitter,
        Duration sendTimeout,
        Duration sweepInterval,
        Duration sweepGrace) {}
