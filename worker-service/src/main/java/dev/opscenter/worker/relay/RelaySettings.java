package dev.opscenter.worker.relay;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * Tuning of the relay's sending; every key is documented in application.yml.
 *
 * @param batchSize          deliveries one reader takes per read; each is sent alone, so 1 keeps a slow endpoint from
 *                           holding up others read with it
 * @param maxAttempts        attempts in all before a delivery is failed
 * @param retrySchedule      waits before retries 1, 2, 3…; retries past the list wait its last entry
 * @param sendTimeout        how long a delivery may stay "sending" before it is presumed lost and sent again
 * @param breakerFailures    consecutive failed attempts of a subscription that open its circuit breaker
 * @param breakerCooldown    how long the breaker first stays open; each reopening doubles it
 * @param breakerMaxCooldown the longest cool-down
 * @param disableAfter       how long a subscription may fail every attempt before it is switched off
 * @param endpointConcurrency sends to one subscription in flight at once from one replica
 * @param endpointSlotWait   how long a reader waits for a slot of a busy endpoint before it puts the delivery back
 * @param endpointBusyWait   how long a delivery put back for a busy endpoint waits, without an attempt counted
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
        Duration sweepGrace,
        int breakerFailures,
        Duration breakerCooldown,
        Duration breakerMaxCooldown,
        Duration disableAfter,
        int endpointConcurrency,
        Duration endpointSlotWait,
        Duration endpointBusyWait) {

    /** The cool-down of the breaker's next opening, after {@code opens} since it last closed: doubled each time. */
    Duration cooldown(int opens) {
        Duration cooldown = breakerCooldown;
        for (int i = 0; i < opens && cooldown.compareTo(breakerMaxCooldown) < 0; i++) {
            cooldown = cooldown.multipliedBy(2);
        }
        return cooldown.compareTo(breakerMaxCooldown) < 0 ? cooldown : breakerMaxCooldown;
    }
}
