package dev.opscenter.worker.relay;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * EndpointState is a subscription's record of its endpoint's health: how many attempts failed in a row and since when,
 * and its circuit breaker — closed ({@code openUntil} null), open (until then), or half-open once that time has
 * passed, when one delivery goes through as a probe. Pure: the SQL that reads and writes it is {@link EndpointGuard}'s.
 *
 * @param consecutiveFailures failed attempts since the last success
 * @param failingSince        the first of them; null while the endpoint answers
 * @param openUntil           the breaker is open until then; null when closed
 * @param opens               times the breaker opened since it last closed
 */
record EndpointState(
        int consecutiveFailures,
        @Nullable Instant failingSince,
        @Nullable Instant openUntil,
        int opens) {

    /** A healthy endpoint: closed, nothing failing. */
    static final EndpointState HEALTHY = new EndpointState(0, null, null, 0);

    /**
     * After a failed attempt at {@code at}: counted, and the breaker opens when the failures reach the threshold while
     * it is closed, or reopens for a doubled cool-down when the attempt was its probe. Failures of attempts that were
     * already in flight when it opened only count.
     */
    EndpointState afterFailure(Instant at, boolean probe, RelaySettings settings) {
        int failures = consecutiveFailures + 1;
        Instant since = failingSince == null ? at : failingSince;
        boolean opening = openUntil == null ? failures >= settings.breakerFailures() : probe;
        if (!opening) {
            return new EndpointState(failures, since, openUntil, opens);
        }
        return new EndpointState(failures, since, at.plus(settings.cooldown(opens)), opens + 1);
    }

    /** Whether it has failed every attempt for the disable-after period by {@code now}. */
    boolean failingTooLong(Instant now, RelaySettings settings) {
        return failingSince != null
                && !failingSince.plus(settings.disableAfter()).isAfter(now);
    }
}
