package dev.opscenter.ingress.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.notify.NotifyClient;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/subscriptions/{id}/test} against real PostgreSQL and Redis. No worker runs here: the test plays it,
 * reading the delivery id from the deliveries stream and recording the first attempt as the worker's sender does
 * (attempt row and status in one statement), while the request waits; or it moves the clock past the wait.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionTestIT extends IngressIT {
    static final MutableClock CLOCK = new MutableClock();

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    NotifyClient api;
    long orders;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("opscenter.relay.test-concurrency", "1");
    }

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
        redis.sync().del(keys.deliveries());
        orders = subscription("orders", true);
    }

    private long subscription(String name, boolean active) {
        return api.create(
                "/api/subscriptions",
                "{\"name\":\"" + name + "\",\"eventTypes\":[\"*\"],\"url\":\"https://receiver.example/" + name
                        + "\",\"active\":" + active + "}");
    }

    private CompletableFuture<Reply> test(long subscription) {
        return CompletableFuture.supplyAsync(
                () -> api.call("POST", "/api/subscriptions/" + subscription + "/test", null));
    }

    /** The delivery id the request put on the stream, once it is there. */
    private long streamed() {
        List<StreamMessage<String, String>> entries = await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.sync().xrange(keys.deliveries(), Range.create("-", "+")), e -> !e.isEmpty());
        assertEquals(1, entries.size(), "one entry: the test delivery");
        return Long.parseLong(entries.get(0).getBody().get(RedisKeys.EVENT_ID_FIELD));
    }

    /** The first attempt and the status it led to, in one statement, as the worker records them. */
    private void attempted(long delivery, Integer code, int latencyMs, String body, String error, String status)
            throws SQLException {
        api.insert("""
                WITH attempt AS (
                    INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, response_body, error)
                    VALUES (?, 1, now(), ?, ?, ?, ?) RETURNING delivery_id)
                UPDATE deliveries
                   SET status = ?, attempts = 1, last_status_code = ?, last_error = ?,
                       delivered_at = CASE WHEN ? = 'succeeded' THEN now() END
                 WHERE id = (SELECT delivery_id FROM attempt) RETURNING id""", delivery, code, latencyMs, body, error, status, code, error, status);
    }

    private Map<String, Object> row(String query) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            assertTrue(r.next(), query);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
            }
            return row;
        }
    }

    @Test
    void aTestBeyondTheWaitingLimitIsRefusedWith429AndStoresNothing() throws SQLException {
        CompletableFuture<Reply> first = test(orders);
        long delivery = streamed();

        Reply refused = api.call("POST", "/api/subscriptions/" + orders + "/test", null);
        assertEquals(429, refused.status());
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(1, count("SELECT id FROM deliveries WHERE subscription_id = " + orders), "only the first test");

        attempted(delivery, 204, 3, null, null, "succeeded");
        api.expect(200, first.join());

        redis.sync().del(keys.deliveries()); // the waiting place is free again
        CompletableFuture<Reply> again = test(orders);
        attempted(streamed(), 204, 3, null, null, "succeeded");
        api.expect(200, again.join());
    }

    @Test
    void answersWithTheReceiversAnswerWhenTheFirstAttemptLandsInTime() throws SQLException {
        CompletableFuture<Reply> reply = test(orders);
        long delivery = streamed();
        attempted(delivery, 200, 42, "{\"ok\":true}", null, "succeeded");

        Map<String, Object> answer = api.expect(200, reply.join());
        assertEquals(delivery, ((Number) answer.get("deliveryId")).longValue());
        assertEquals(
                count("SELECT event_id FROM deliveries WHERE id = " + delivery),
                ((Number) answer.get("eventId")).longValue());
        assertEquals("succeeded", answer.get("status"));
        assertEquals(200, answer.get("statusCode"));
        assertEquals(42, answer.get("latencyMs"));
        assertEquals("{\"ok\":true}", answer.get("responseBody"));
        assertNull(answer.get("error"));
    }

    @Test
    void aRetryableAnswerIsReportedWithTheDeliveryPendingItsRetry() throws SQLException {
        CompletableFuture<Reply> reply = test(orders);
        long delivery = streamed();
        attempted(delivery, 503, 7, "busy", "HTTP 503", "pending");

        Map<String, Object> answer = api.expect(200, reply.join());
        assertEquals("pending", answer.get("status"));
        assertEquals(503, answer.get("statusCode"));
        assertEquals("busy", answer.get("responseBody"));
        assertEquals("HTTP 503", answer.get("error"));
    }

    @Test
    void aDeliveryFailedBeforeAnyAttemptAnswersWithItsError() throws SQLException {
        CompletableFuture<Reply> reply = test(orders);
        long delivery = streamed();
        api.sql("UPDATE deliveries SET status = 'failed', last_error = 'subscription is disabled' WHERE id = "
                + delivery);

        Map<String, Object> answer = api.expect(200, reply.join());
        assertEquals("failed", answer.get("status"));
        assertNull(answer.get("statusCode"));
        assertNull(answer.get("latencyMs"));
        assertEquals("subscription is disabled", answer.get("error"));
    }

    @Test
    void answers202PendingWhenNoAttemptFinishesInTime() throws SQLException {
        CompletableFuture<Reply> reply = test(orders);
        long delivery = streamed();
        CLOCK.advance(Duration.ofSeconds(16));

        Map<String, Object> answer = api.expect(202, reply.join());
        assertEquals(delivery, ((Number) answer.get("deliveryId")).longValue());
        assertEquals("pending", answer.get("status"));
        assertEquals(
                "pending",
                api.expect(200, api.call("GET", "/api/deliveries/" + delivery, null))
                        .get("status"),
                "the delivery is left for the worker to finish");
    }

    @Test
    void storesAProcessedTestEventAndOneDeliveryForThisSubscriptionOnly() throws SQLException {
        long other = subscription("everything", true);
        CompletableFuture<Reply> reply = test(orders);
        long delivery = streamed();
        CLOCK.advance(Duration.ofSeconds(16));
        long eventId = ((Number) api.expect(202, reply.join()).get("eventId")).longValue();

        Map<String, Object> event = row("""
                SELECT e.event_type, e.status, e.processed_at IS NOT NULL AS processed, e.next_sweep_at IS NULL AS unswept,
                       e.source_id, e.delivery_id LIKE 'test\\_%' AS test_id, e.payload::text AS payload,
                       convert_from(e.raw_body, 'UTF8') AS body, es.name, es.is_active
                  FROM webhook_events e JOIN event_sources es ON es.id = e.event_source_id
                 WHERE e.id = """ + eventId);
        assertEquals("opscenter.test", event.get("event_type"));
        assertEquals("processed", event.get("status"), "never claimed by the event pipeline");
        assertEquals(true, event.get("processed"));
        assertEquals(true, event.get("unswept"), "never swept back onto the events stream");
        assertNull(event.get("source_id"));
        assertEquals(true, event.get("test_id"));
        assertEquals(
                "{\"message\": \"test delivery from OpsCenter\", \"subscription\": " + orders + "}",
                event.get("payload"));
        assertEquals(
                "{\"message\":\"test delivery from OpsCenter\",\"subscription\":" + orders + "}", event.get("body"));
        assertEquals("opscenter.test", event.get("name"));
        assertEquals(false, event.get("is_active"), "nobody triggers events through it");

        assertEquals(1, count("SELECT count(*) FROM deliveries WHERE event_id = " + eventId));
        Map<String, Object> stored = row("SELECT id, subscription_id, status, next_attempt_at IS NOT NULL AS due"
                + " FROM deliveries WHERE event_id = " + eventId);
        assertEquals(delivery, ((Number) stored.get("id")).longValue());
        assertEquals(orders, ((Number) stored.get("subscription_id")).longValue());
        assertEquals("pending", stored.get("status"));
        assertEquals(true, stored.get("due"));
        assertEquals(0, count("SELECT count(*) FROM deliveries WHERE subscription_id = " + other));
        assertEquals(0, count("SELECT count(*) FROM alerts"));
    }

    @Test
    void aSecondTestReusesTheTestEventSource() {
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Reply> reply = test(orders);
            streamed();
            redis.sync().del(keys.deliveries());
            CLOCK.advance(Duration.ofSeconds(16));
            api.expect(202, reply.join());
        }
        assertEquals(
                List.of(Map.of("name", "opscenter.test")),
                api.items(api.call("GET", "/api/event-sources", null)).stream()
                        .map(s -> Map.of("name", s.get("name")))
                        .toList());
    }

    @Test
    void inactiveSubscriptionIs409AndStoresNothing() throws SQLException {
        long off = subscription("paused", false);
        Reply reply = api.call("POST", "/api/subscriptions/" + off + "/test", null);
        assertEquals(409, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertEquals(0, count("SELECT count(*) FROM webhook_events"));
        assertEquals(0, count("SELECT count(*) FROM deliveries"));
        assertFalse(redis.sync().exists(keys.deliveries()) > 0, "nothing enqueued");
    }

    @Test
    void unknownSubscriptionIs404() throws SQLException {
        api.expect(404, api.call("POST", "/api/subscriptions/987654/test", null));
        assertEquals(0, count("SELECT count(*) FROM webhook_events"));
    }
}
