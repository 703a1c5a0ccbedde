package dev.opscenter.realtime.socket;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Heartbeat writes {@code {"type":"heartbeat","ts":…}} to every socket at a fixed interval. Browsers do not see a
 * dead TCP connection on their own; a page that stops receiving heartbeats reconnects.
 */
@Singleton
final class Heartbeat {
    private final Audience audience;
    private final Clock clock;

    Heartbeat(Audience audience, Clock clock) {
        this.audience = audience;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelay = "${opscenter.realtime.heartbeat-interval}",
            initialDelay = "${opscenter.realtime.heartbeat-interval}")
    void beat() {
        audience.broadcast(Frame.heartbeat(clock.instant()));
    }
}
