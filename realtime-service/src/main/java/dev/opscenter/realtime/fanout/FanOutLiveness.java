package dev.opscenter.realtime.fanout;

import dev.opscenter.realtime.socket.Audience;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;

/**
 * FanOutLiveness fails {@code /health/liveness} when this instance can no longer write to its pages, so the
 * orchestrator restarts it: an event loop that writes to sockets ran none of its waiting broadcasts for the stall timeout,
 * nothing was broadcast (not even a heartbeat) for a heartbeat interval plus the stall timeout, or the live
 * subscription has been closed for longer than the stall timeout.
 */
@Singleton
@Liveness
final class FanOutLiveness implements HealthIndicator {
    private static final String NAME = "fanout";

    private final Audience audience;
    private final BooleanSupplier subscribed;
    private final Clock clock;
    private final Duration heartbeatInterval;
    private final Duration stall;
    private volatile Instant unsubscribedSince;

    @Inject
    FanOutLiveness(
            Audience audience,
            LiveSubscription subscription,
            Clock clock,
            @Value("${opscenter.realtime.heartbeat-interval}") Duration heartbeatInterval,
            @Value("${opscenter.realtime.stall-timeout}") Duration stall) {
        this(audience, subscription::isOpen, clock, heartbeatInterval, stall);
    }

    FanOutLiveness(
            Audience audience, BooleanSupplier subscribed, Clock clock, Duration heartbeatInterval, Duration stall) {
        this.audience = audience;
        this.subscribed = subscribed;
        this.clock = clock;
        this.heartbeatInterval = heartbeatInterval;
        this.stall = stall;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    HealthResult check() {
        Instant now = clock.instant();
        Map<String, Object> problems = new LinkedHashMap<>();
        Optional<Duration> waiting = audience.stalledFor(stall);
        waiting.ifPresent(waited -> problems.put("broadcastWaiting", waited.toString()));
        Duration quiet = Duration.between(audience.lastBroadcast(), now);
        if (quiet.compareTo(heartbeatInterval.plus(stall)) > 0) {
            problems.put("nothingBroadcastFor", quiet.toString());
        }
        if (subscribed.getAsBoolean()) {
            unsubscribedSince = null;
        } else {
            if (unsubscribedSince == null) {
                unsubscribedSince = now;
            }
            Duration down = Duration.between(unsubscribedSince, now);
            if (down.compareTo(stall) > 0) {
                problems.put("subscriptionClosedFor", down.toString());
            }
        }
        return HealthResult.builder(NAME, problems.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(problems)
                .build();
    }
}
