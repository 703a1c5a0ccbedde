package dev.opscenter.worker.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Tuning of notification sending; every key is documented in application.yml.
 *
 * @param retrySchedule waits before retries 1, 2, 3…; after the last one a notification is failed
 * @param sendTimeout   how long a notification may stay "sending" before it is presumed lost and sent again
 */
@ConfigurationProperties("opscenter.notifications")
public record NotificationSettings(
        @Bindable(defaultValue = "4") int concurrency,
        @Bindable(defaultValue = "10") int batchSize,
        @Bindable(defaultValue = "2s") Duration block,
        @Bindable(defaultValue = "2m") Duration claimIdle,
        @Bindable(defaultValue = "1m,5m,15m") List<Duration> retrySchedule,
        @Bindable(defaultValue = "0.2") double jitter,
        @Bindable(defaultValue = "2m") Duration sendTimeout,
        @Bindable(defaultValue = "500") int chunkSize,
        @Bindable(defaultValue = "1s") Duration fanoutInterval,
        @Bindable(defaultValue = "15s") Duration sweepInterval,
        @Bindable(defaultValue = "1m") Duration sweepGrace,
        @Bindable(defaultValue = "20") int telegramPerMinute) {

    /** Attempts in all: the first plus one per scheduled retry. */
    public int maxAttempts() {
        return retrySchedule.size() + 1;
    }
}
