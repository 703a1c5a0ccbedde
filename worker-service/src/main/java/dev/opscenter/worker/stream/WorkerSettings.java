package dev.opscenter.worker.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Tuning of the event consumers; every key is documented in application.yml. */
@ConfigurationProperties("opscenter.worker")
public record WorkerSettings(
        int concurrency,
        int batchSize,
        Duration block,
        int maxAttempts,
        Duration retryBase,
        Duration claimIdle,
        Duration claimInterval,
        Duration retryInterval,
        Duration processingTimeout,
        Duration sweepGrace,
        Duration forgetConsumersAfter,
        Duration linger) {}
