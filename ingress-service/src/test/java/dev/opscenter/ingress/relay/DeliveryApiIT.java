package dev.opscenter.ingress.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.notify.NotifyClient;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /api/deliveries and the manual retries over HTTP against real PostgreSQL and Redis; deliveries seeded with SQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryApiIT extends IngressIT {
    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    NotifyClient api;
    long source;
    long orders;
    long refunds;

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
        redis.sync().del(keys.deliveries());
        source = api.source("shop");
        orders = subscription("orders");
        refunds = subscription("refunds");
    }

    private long subscription(String name) {
        return api.create(
                "/api/subscriptions",
                "{\"name\":\"" + name + "\",\"eventTypes\":[\"*\"],\"url\":\"https://receiver.example/" + name + "\"}");
    }

    private long event(String type) throws SQLException {
        return api.event(source, type, "{}");
    }

    private long delivery(long eventId, long subscriptionId, String status) throws SQLException {
        return api.insert("""
                INSERT INTO deliveries (event_id, subscription_id, status, attempts, last_status_code, last_error)
                VALUES (?, ?, ?, CASE WHEN ? = 'pending' THEN 0 ELSE 2 END,
                        CASE WHEN ? = 'failed' THEN 503 END, CASE WHEN ? = 'failed' THEN 'HTTP 503' END)
                RETURNING id""", eventId, subscriptionId, status, status, status, status);
    }

    private List<Long> ids(String query) {
        return api.items(api.call("GET", "/api/deliveries" + query, null)).stream()
                .map(NotifyClient::id)
                .toList();
    }

    private List<String> streamedIds() {
        return redis.sync().xrange(keys.deliveries(), Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .map(b -> b.get(RedisKeys.EVENT_ID_FIELD))
                .toList();
    }

    @Test
    void listsNewestFirstWithFiltersAndPages() throws SQLException {
        long created = event("order.created");
        long paid = event("order.paid");
        long succeeded = delivery(created, orders, "succeeded");
        long failed = delivery(paid, orders, "failed");
        long otherFailed = delivery(paid, refunds, "failed");

        assertEquals(List.of(otherFailed, failed, succeeded), ids(""));
        assertEquals(List.of(failed, succeeded), ids("?subscription=" + orders));
        assertEquals(List.of(otherFailed, failed), ids("?event=" + paid));
        assertEquals(List.of(otherFailed, failed), ids("?status=failed"));
        assertEquals(List.of(failed), ids("?status=failed&subscription=" + orders));

        Map<String, Object> page = api.expect(200, api.call("GET", "/api/deliveries?limit=2", null));
        assertEquals(failed, ((Number) page.get("nextBefore")).longValue());
        assertEquals(List.of(succeeded), ids("?limit=2&before=" + failed));
        assertNull(api.expect(200, api.call("GET", "/api/deliveries?limit=2&before=" + failed, null))
                .get("nextBefore"));
    }

    @Test
    void unknownStatusIs422() {
        api.assertInvalid("status", api.call("GET", "/api/deliveries?status=lost", null));
    }

    @Test
    void detailShowsTheDeliveryAndItsAttemptsOldestFirst() throws SQLException {
        long id = delivery(event("order.created"), orders, "failed");
        api.sql(
                "INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, response_body, error)"
                        + " VALUES (" + id + ", 2, '2026-01-01T00:01:00Z', 503, 40, 'busy', 'HTTP 503'),"
                        + " (" + id
                        + ", 1, '2026-01-01T00:00:00Z', NULL, NULL, NULL, 'no reply: the connection failed or timed out')");
        Map<String, Object> detail = api.expect(200, api.call("GET", "/api/deliveries/" + id, null));
        assertEquals(orders, ((Number) detail.get("subscriptionId")).longValue());
        assertEquals("failed", detail.get("status"));
        assertEquals(2, detail.get("attempts"));
        assertEquals(503, detail.get("lastStatusCode"));
        assertEquals("HTTP 503", detail.get("lastError"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> log = (List<Map<String, Object>>) detail.get("attemptLog");
        assertEquals(2, log.size());
        assertEquals(1, log.get(0).get("attempt"));
        assertNull(log.get(0).get("statusCode"));
        assertEquals("no reply: the connection failed or timed out", log.get(0).get("error"));
        assertEquals(
                Map.of(
                        "attempt",
                        2,
                        "attemptedAt",
                        "2026-01-01T00:01:00Z",
                        "statusCode",
                        503,
                        "latencyMs",
                        40,
                        "responseBody",
                        "busy",
                        "error",
                        "HTTP 503"),
                log.get(1));
        api.expect(404, api.call("GET", "/api/deliveries/987654", null));
    }

    @Test
    void retryMakesAFailedDeliveryPendingAndAppendsOneStreamEntry() throws SQLException {
        long id = delivery(event("order.created"), orders, "failed");
        Instant before = Instant.now().minusSeconds(1);
        Map<String, Object> answer = api.expect(202, api.call("POST", "/api/deliveries/" + id + "/retry", null));
        assertEquals("pending", answer.get("status"));

        Map<String, Object> after = api.expect(200, api.call("GET", "/api/deliveries/" + id, null));
        assertEquals("pending", after.get("status"));
        assertEquals(2, after.get("attempts"), "attempts are kept, so the attempt log numbers on");
        assertEquals(
                2L,
                api.insert("SELECT attempts_before_retry FROM deliveries WHERE id = ?", id),
                "the retry budget starts again from here");
        assertEquals("HTTP 503", after.get("lastError"), "the reason it failed stays visible");
        assertNotNull(after.get("nextAttemptAt"));
        Instant due = Instant.parse((String) after.get("nextAttemptAt"));
        assertTrue(!due.isBefore(before) && !due.isAfter(Instant.now().plusSeconds(1)), "due now: " + due);
        assertEquals(List.of(Long.toString(id)), streamedIds());
    }

    @Test
    void retryOfADeliveryThatHasNotFailedIs409() throws SQLException {
        long succeeded = delivery(event("order.created"), orders, "succeeded");
        long pending = delivery(event("order.paid"), orders, "pending");
        api.expect(409, api.call("POST", "/api/deliveries/" + succeeded + "/retry", null));
        api.expect(409, api.call("POST", "/api/deliveries/" + pending + "/retry", null));
        api.expect(404, api.call("POST", "/api/deliveries/987654/retry", null));
        assertEquals(
                "succeeded",
                api.expect(200, api.call("GET", "/api/deliveries/" + succeeded, null))
                        .get("status"));
        assertEquals(List.of(), streamedIds(), "refused retries enqueue nothing");
    }

    @Test
    void retryFailedRetriesEveryFailedDeliveryOfTheSubscription() throws SQLException {
        long first = delivery(event("order.created"), orders, "failed");
        long second = delivery(event("order.paid"), orders, "failed");
        long succeeded = delivery(event("order.shipped"), orders, "succeeded");
        long otherFailed = delivery(event("order.refunded"), refunds, "failed");

        assertEquals(
                Map.of("retried", 2),
                api.expect(202, api.call("POST", "/api/subscriptions/" + orders + "/retry-failed", null)));
        assertEquals(
                List.of(Long.toString(first), Long.toString(second)),
                streamedIds().stream().sorted().toList());
        assertEquals(List.of(otherFailed), ids("?status=failed"));
        assertEquals(List.of(second, first), ids("?status=pending"));
        assertEquals(List.of(succeeded), ids("?status=succeeded"));
        assertEquals(
                Map.of("retried", 0),
                api.expect(202, api.call("POST", "/api/subscriptions/" + orders + "/retry-failed", null)));
        api.expect(404, api.call("POST", "/api/subscriptions/987654/retry-failed", null));
    }
}
