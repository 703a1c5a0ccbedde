package dev.opscenter.realtime.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opscenter.common.session.LiveTickets;
import dev.opscenter.realtime.LiveClient;
import dev.opscenter.realtime.RealtimeIT;
import io.lettuce.core.SetArgs;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A page's socket opens with a ticket ingress stored in Redis, once per ticket. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketIT extends RealtimeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;

    @Test
    void aStoredTicketOpensASocketAndIsGoneAfterwards() {
        String ticket = issue("viewer Ada Lovelace");

        LiveClient page = connect(HttpRequest.GET("/ws?ticket=" + ticket));

        await().atMost(DEADLINE).until(() -> sessions() == 1);
        assertNull(page.closeReason(), "open");
        assertEquals(0L, redis.sync().exists(key(ticket)), "redeemed: the key is deleted");
    }

    @Test
    void aTicketOpensOneSocketOnly() throws IOException {
        String ticket = issue("viewer Ada");

        assertEquals(101, RawHandshake.status(server.getPort(), "/ws?ticket=" + ticket));
        assertEquals(401, RawHandshake.status(server.getPort(), "/ws?ticket=" + ticket));
    }

    @Test
    void anUnknownTicketIsRefused() throws IOException {
        assertEquals(401, RawHandshake.status(server.getPort(), "/ws?ticket=" + LiveTickets.newTicket()));
    }

    @Test
    void anExpiredTicketIsRefused() throws IOException {
        String ticket = LiveTickets.newTicket();
        redis.sync().set(key(ticket), LiveTickets.value("viewer", "Ada"), SetArgs.Builder.px(1));
        await().atMost(DEADLINE).until(() -> redis.sync().exists(key(ticket)) == 0);

        assertEquals(401, RawHandshake.status(server.getPort(), "/ws?ticket=" + ticket));
    }

    @Test
    void anOverLongTicketIsRefusedWithoutBeingRedeemed() throws IOException {
        String ticket = "t".repeat(LiveTickets.MAX_LENGTH + 1);
        redis.sync().set(key(ticket), LiveTickets.value("viewer", "Ada"), SetArgs.Builder.ex(LiveTickets.TTL));

        assertEquals(401, RawHandshake.status(server.getPort(), "/ws?ticket=" + ticket));
        assertEquals(1L, redis.sync().exists(key(ticket)), "never asked for: the key is still there");
    }

    @Test
    void aTicketWithAMalformedSinceIsRefusedWith400() throws IOException {
        String ticket = issue("viewer Ada");

        assertEquals(400, RawHandshake.status(server.getPort(), "/ws?since=yesterday&ticket=" + ticket));
    }

    /** What ingress does for a signed-in page. */
    private String issue(String value) {
        String ticket = LiveTickets.newTicket();
        redis.sync().set(key(ticket), value, SetArgs.Builder.ex(LiveTickets.TTL));
        return ticket;
    }

    private String key(String ticket) {
        return keys.liveTicket(LiveTickets.hash(ticket));
    }
}
