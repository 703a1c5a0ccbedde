package dev.opscenter.worker.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** Tuning of the event consumers; every key is documented in application.yml. */
@ConfigurationProperties("opscenter.worker")
public record WorkerSettings(
        @Bindable(defaultValue = "4") int concurrency,
        @Bindable(defaultValue = "100") int batchSize,
        @Bindable(defaultValue = "2s") Duration block,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "2s") Duration retryBase,
        @Bindable(defaultValue = "60s") Duration claimIdle,
        @Bindable(defaultValue = "15s") Duration claimInterval,
        @Bindable(defaultValue = "1s") Duration retryInterval,
        @Bindable(defaultValue = "60s") Duration processingTimeout,
        @Bindable(defaultValue = "30s") Duration sweepGrace,
        @Bindable(defaultValue = "1d") Duration forgetConsumersAfter,
        @Bindable(defaultValue = "10ms") Duration linger) {
}
