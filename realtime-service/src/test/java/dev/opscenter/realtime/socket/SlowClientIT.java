package dev.opscenter.realtime.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.realtime.LiveClient;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/** A socket that stops reading is dropped; the others keep receiving everything. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "opscenter.realtime.outbound-limit", value = "256KB")
@Property(name = "opscenter.realtime.write-timeout", value = "2s")
class SlowClientIT extends RealtimeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    // large messages fill the stalled connection's buffers quickly; below the client's 64 KiB frame limit
    private static final String PADDING = "x".repeat(16 * 1024);

    @Inject
    EmbeddedServer server;

    @Test
    void stalledClientIsDroppedWhileAReadingOneReceivesEverything() throws Exception {
        try (LiveClient reader = Mono.from(sockets.connect(LiveClient.class, asAdmin("/ws")))
                        .block(DEADLINE);
                StalledPeer stalled = new StalledPeer(server.getPort(), "/ws")) {
            await().atMost(DEADLINE).until(() -> gauge("opscenter.realtime.sessions") == 2);

            AtomicInteger published = new AtomicInteger();
            // publish in batches until the stalled socket is dropped: how much that takes depends on kernel buffers
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (int i = 0; i < 20; i++) {
                    int n = published.incrementAndGet();
                    redis.sync()
                            .publish(
                                    keys.liveChannel(),
                                    "{\"type\":\"alert\",\"id\":\"1-" + n + "\",\"data\":\"" + PADDING + "\"}");
                }
                return counter("opscenter.realtime.clients.dropped") == 1;
            });

            await().atMost(DEADLINE)
                    .until(() -> reader.texts().stream()
                                    .filter(t -> t.contains("\"type\":\"alert\""))
                                    .count()
                            == published.get());
            assertEquals(1, gauge("opscenter.realtime.sessions"), "only the reading socket is left");
            assertTrue(stalled.drainUntilClosed((int) DEADLINE.toMillis()), "the server closed the stalled connection");
            assertEquals(null, reader.closeReason(), "the reading socket stays open");
        }
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }
}
