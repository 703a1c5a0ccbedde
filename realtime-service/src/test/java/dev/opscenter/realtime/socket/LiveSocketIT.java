package dev.opscenter.realtime.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.HttpProbe;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.realtime.AlertPublisher;
import dev.opscenter.realtime.AlertPublisher.Published;
import dev.opscenter.realtime.LiveClient;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "opscenter.realtime.heartbeat-interval", value = "250ms")
@Property(name = "opscenter.realtime.batch-window", value = "300ms")
// one write a second per loop: the window of a loop with a socket or two is then the whole batch window
@Property(name = "opscenter.realtime.loop-writes", value = "1")
class LiveSocketIT extends RealtimeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    private AlertPublisher publisher;

    @BeforeEach
    void freshFeed() {
        redis.sync().del(keys.feed());
        publisher = new AlertPublisher(redis, keys, json);
    }

    @Override
    @AfterEach
    protected void closeClients() throws Exception {
        super.closeClients();
        awaitSessions(0);
    }

    @Test
    void publishedMessageReachesEveryConnectedClient() {
        LiveClient first = connect("/ws");
        LiveClient second = connect("/ws");
        awaitSessions(2);

        Published alert = publisher.publish("Disk full");

        await().atMost(DEADLINE)
                .until(() -> alertTexts(first).contains(alert.json())
                        && alertTexts(second).contains(alert.json()));
        assertEquals(List.of(alert.json()), alertTexts(first), "forwarded exactly as published");
    }

    @Test
    void messagesPublishedTogetherArriveInBatchFramesEachOnceInOrder() {
        LiveClient page = connect("/ws");
        awaitSessions(1);

        List<String> published = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> publisher.publish("Burst " + i).json())
                .toList();

        await().atMost(DEADLINE).until(() -> alertTexts(page).size() >= published.size());
        assertEquals(published, alertTexts(page), "each message once, in order, exactly as published");
        long alertFrames = page.frames().stream()
                .filter(frame -> frame.contains("\"type\":\"alert\""))
                .count();
        assertTrue(alertFrames < published.size(), "messages within one batch window share a frame: " + page.frames());
    }

    @Test
    void refusesAnUpgradeWithAWrongOrMissingAdminTokenHeader() {
        assertEquals(401, handshakeStatus("/ws", "Bearer not-the-token"));
        assertEquals(401, handshakeStatus("/ws", "Basic " + TestEnvironment.ADMIN_TOKEN));
        assertEquals(401, handshakeStatus("/ws", null));
        assertEquals(0, sessions());
    }

    @Test
    void theAdminTokenInTheQueryNoLongerOpensASocket() {
        assertEquals(401, handshakeStatus("/ws?token=" + TestEnvironment.ADMIN_TOKEN, null));
    }

    @Test
    void refusesAMalformedSince() {
        assertEquals(400, handshakeStatus("/ws?since=yesterday", "Bearer " + TestEnvironment.ADMIN_TOKEN));
    }

    @Test
    void refusalIsAProblemDocumentThatSaysWhatToSend() {
        HttpClientResponseException refused = assertThrows(
                HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/ws?token=wrong"), String.class));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals(
                "application/problem+json",
                refused.getResponse().getContentType().orElseThrow().toString());
        String body = refused.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("POST /api/session/ticket"), body);
        assertFalse(body.contains("wrong"), "never echoes what was sent: " + body);
    }

    @Test
    void answersAClientsCloseWithNormalClosure() {
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        WebSocket socket = AdminSocket.open(server.getPort(), closeCode);
        awaitSessions(1);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        await().atMost(DEADLINE).until(closeCode::isDone);
        assertEquals(WebSocket.NORMAL_CLOSURE, closeCode.join(), "the server answered the close frame");
    }

    @Test
    void heartbeatArrivesWithTheServerTime() {
        long before = System.currentTimeMillis();
        LiveClient client = connect("/ws");

        await().atMost(DEADLINE).until(() -> !client.messages(json, "heartbeat").isEmpty());
        Number ts = (Number) client.messages(json, "heartbeat").get(0).get("ts");
        // a heartbeat broadcast up to one batch window before the socket joined may be in the round it first gets
        assertTrue(Math.abs(ts.longValue() - before) < 5_000, "ts is epoch milliseconds: " + ts + " vs " + before);
    }

    @Test
    void readinessIncludesRedis() throws IOException {
        HttpProbe.Reply health = HttpProbe.get(env.managementPort(), "/health/readiness");
        Map<?, ?> details = (Map<?, ?>) json.readValue(health.body(), Map.class).get("details");
        assertEquals("UP", ((Map<?, ?>) details.get("redis")).get("status"));
    }

    @Test
    void prometheusShowsTheSocketMeters() {
        LiveClient client = connect("/ws");
        awaitSessions(1);
        publisher.publish("counted");
        await().atMost(DEADLINE).until(() -> client.alertIds(json).size() == 1);

        String scrape = HttpProbe.get(env.managementPort(), "/prometheus").body();

        assertTrue(scrape.contains("opscenter_realtime_sessions 1.0"), scrape);
        assertTrue(scrape.contains("opscenter_realtime_messages_forwarded_total"), scrape);
        assertTrue(scrape.contains("opscenter_realtime_clients_dropped_total{reason=\"slow\"}"), scrape);
        assertTrue(scrape.contains("opscenter_realtime_messages_received_total"), scrape);
    }

    /** The refused upgrade's HTTP status, from a client that exposes it; authorization null sends no header. */
    private int handshakeStatus(String path, String authorization) {
        URI uri = URI.create("ws://localhost:" + server.getPort() + path);
        WebSocket.Builder builder = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        CompletionException refused = assertThrows(
                CompletionException.class,
                () -> builder.buildAsync(uri, new WebSocket.Listener() {}).join());
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    private void awaitSessions(int count) {
        await().atMost(DEADLINE).until(() -> sessions() == count);
    }
}
