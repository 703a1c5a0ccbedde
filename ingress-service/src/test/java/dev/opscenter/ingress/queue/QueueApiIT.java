package dev.opscenter.ingress.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/queues against real Redis streams and PostgreSQL rows. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueApiIT extends IngressIT {
    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> queue(Map<String, Object> answer, String name) {
        return ((List<Map<String, Object>>) answer.get("queues"))
                .stream()
                        .filter(q -> name.equals(q.get("name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no queue " + name + " in " + answer));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStreamShowsItsLengthLagPendingAndConsumers() {
        String stream = keys.deliveries();
        for (long id = 1; id <= 3; id++) {
            redis.appendId(stream, id, 1000);
        }
        redis.sync().xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), RedisKeys.RELAYS_GROUP);
        redis.sync()
                .xreadgroup(
                        Consumer.from(RedisKeys.RELAYS_GROUP, "relay-a"),
                        XReadArgs.Builder.count(1),
                        XReadArgs.StreamOffset.lastConsumed(stream));

        Reply reply = client.admin("GET", "/api/queues", null);

        assertEquals(200, reply.status(), reply.body());
        Map<String, Object> answer = map(reply);
        assertEquals("up", answer.get("redis"));
        Map<String, Object> deliveries = queue(answer, "deliveries");
        assertEquals(stream, deliveries.get("key"));
        Map<String, Object> state = (Map<String, Object>) deliveries.get("stream");
        assertEquals(3, ((Number) state.get("length")).intValue());
        assertEquals(2, ((Number) state.get("lag")).intValue());
        assertEquals(1, ((Number) state.get("pending")).intValue());
        assertNotNull(state.get("oldestPendingSeconds"));
        assertNotNull(state.get("oldestWaitingSeconds"));
        List<Map<String, Object>> consumers = (List<Map<String, Object>>) state.get("consumers");
        assertEquals(
                List.of("relay-a"), consumers.stream().map(c -> c.get("name")).toList());
        assertEquals(1, ((Number) consumers.get(0).get("pending")).intValue());
        assertTrue(consumers.get(0).containsKey("idleMs"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStreamNobodyWroteToReadsAsEmpty() {
        Map<String, Object> notifications = queue(map(client.admin("GET", "/api/queues", null)), "notifications");

        Map<String, Object> state = (Map<String, Object>) notifications.get("stream");
        assertEquals(false, state.get("exists"));
        assertEquals(0, ((Number) state.get("length")).intValue());
        assertNull(state.get("oldestWaitingSeconds"));
        assertEquals(RedisKeys.NOTIFIERS_GROUP, notifications.get("group"));
    }

    @Test
    void failedAndRecentlyProcessedEventsAreCountedFromPostgres() throws SQLException {
        sql(
                "INSERT INTO webhook_sources (name, slug, kind, secret_encrypted) VALUES ('Q', 'q', 'github', '\\x00')",
                """
                INSERT INTO webhook_events (source_id, raw_body, status, processed_at)
                SELECT id, '\\x7b7d', s.status, s.processed_at FROM webhook_sources,
                       (VALUES ('failed', NULL), ('failed', NULL), ('processed', now()),
                               ('processed', now() - interval '1 hour')) AS s(status, processed_at)
                 WHERE slug = 'q'""");

        Map<String, Object> events = queue(map(client.admin("GET", "/api/queues", null)), "events");

        assertEquals(2, ((Number) events.get("failed")).intValue());
        assertEquals(1, ((Number) events.get("doneInWindow")).intValue(), "only the last minutes count");
        assertEquals(0.2, ((Number) events.get("perMinute")).doubleValue());
    }

    @Test
    void everySignedInRoleMayRead() {
        client.createUser("queue-viewer", "viewer", "viewer password 123");
        String cookie = IngressTestClient.sessionCookie(client.signIn("queue-viewer", "viewer password 123"));

        assertEquals(200, client.asUser(cookie, "GET", "/api/queues", null).status());
        assertEquals(401, client.get("/api/queues", Map.of()).status());
    }
}
