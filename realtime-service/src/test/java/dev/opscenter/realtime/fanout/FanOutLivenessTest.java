package dev.opscenter.realtime.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.realtime.socket.Audience;
import dev.opscenter.realtime.socket.Frame;
import dev.opscenter.realtime.socket.TestAudiences;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FanOutLivenessTest {
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);
    private static final Duration STALL = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final List<Runnable> queued = new ArrayList<>();
    private final AtomicBoolean subscribed = new AtomicBoolean(true);

    @Test
    void upWhileBroadcastsAreWritten() {
        Audience audience = TestAudiences.reading(clock);
        FanOutLiveness liveness = new FanOutLiveness(audience, subscribed::get, clock, HEARTBEAT, STALL);

        for (int i = 0; i < 10; i++) {
            clock.advance(HEARTBEAT);
            audience.broadcast(Frame.RESYNC);
        }

        assertEquals(HealthStatus.UP, liveness.check().getStatus());
    }

    @Test
    void downWhenBroadcastsWaitOnAStuckWriter() {
        Audience audience = TestAudiences.stuck(clock, queued);
        FanOutLiveness liveness = new FanOutLiveness(audience, subscribed::get, clock, HEARTBEAT, STALL);

        audience.broadcast(Frame.RESYNC);
        assertEquals(HealthStatus.UP, liveness.check().getStatus(), "a moment's wait is normal");
        clock.advance(STALL.plusSeconds(1));
        audience.broadcast(Frame.RESYNC);

        HealthResult result = liveness.check();
        assertEquals(HealthStatus.DOWN, result.getStatus());
        assertTrue(
                ((Map<?, ?>) result.getDetails()).containsKey("broadcastWaiting"),
                result.getDetails().toString());
    }

    @Test
    void downWhenNothingWasBroadcastForLongerThanAHeartbeatAndTheStall() {
        Audience audience = TestAudiences.reading(clock);
        FanOutLiveness liveness = new FanOutLiveness(audience, subscribed::get, clock, HEARTBEAT, STALL);

        clock.advance(HEARTBEAT.plus(STALL).plusSeconds(1));

        assertEquals(HealthStatus.DOWN, liveness.check().getStatus());
    }

    @Test
    void downWhenTheSubscriptionStaysClosedLongerThanTheStall() {
        Audience audience = TestAudiences.reading(clock);
        FanOutLiveness liveness = new FanOutLiveness(audience, subscribed::get, clock, HEARTBEAT, STALL);
        subscribed.set(false);

        assertEquals(HealthStatus.UP, liveness.check().getStatus(), "Lettuce reconnects by itself");
        clock.advance(STALL.plusSeconds(1));
        audience.broadcast(Frame.RESYNC);

        assertEquals(HealthStatus.DOWN, liveness.check().getStatus());
        subscribed.set(true);
        assertEquals(HealthStatus.UP, liveness.check().getStatus());
    }
}
