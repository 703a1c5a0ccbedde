package dev.opscenter.worker.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
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
        int concurrency,
        int batchSize,
        Duration block,
        Duration claimIdle,
        List<Duration> retrySchedule,
        double jitter,
        Duration sendTimeout,
        int chunkSize,
        Duration fanoutInterval,
        Duration sweepInterval,
        Duration sweepGrace,
        int telegramPerMinute) {

    /** Attempts in all: the first plus one per scheduled retry. */
    public int maxAttempts() {
        return retrySchedule.size() + 1;
    }
}
