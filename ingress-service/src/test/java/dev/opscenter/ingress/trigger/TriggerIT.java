package dev.opscenter.ingress.trigger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.testing.JsonLogs;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.lettuce.core.Range;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Triggering events with API keys, end to end over HTTP against real PostgreSQL and Redis. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerIT extends IngressIT {
    static final String ORDER_SCHEMA = """
            {"type": "object", "required": ["order", "total"],
             "properties": {"order": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                            "total": {"type": "number", "minimum": 0}}}""";

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                // the same server limit as production (1 MiB), smaller so the test does not push a megabyte
                "micronaut.server.max-request-size", "65536");
    }

    @BeforeEach
    void setUp() throws SQLException {
        sql("TRUNCATE alerts, webhook_events, event_sources, api_keys CASCADE");
        redis.sync().del(keys.events());
    }

    private Map<String, Object> createKey(String name) {
        Reply created = client.admin("POST", "/api/api-keys", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status(), created.body());
        return map(created);
    }

    private long createSource(String body) {
        Reply created = client.admin("POST", "/api/event-sources", body);
        assertEquals(201, created.status(), created.body());
        return id(map(created));
    }

    private Reply trigger(String key, String body) {
        return client.post(
                "/api/events", body, Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"));
    }

    private static String order(String eventId, String payload) {
        return "{\"event\":\"order.created\",\"event_id\":\"" + eventId + "\",\"payload\":" + payload + "}";
    }

    private void assertRefused(Reply reply, int status) throws SQLException {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(0, count("SELECT count(*) FROM webhook_events"), "a refused trigger must store nothing");
        assertEquals(0, redis.sync().xlen(keys.events()), "a refused trigger must enqueue nothing");
    }

    @Test
    void keyIsShownOnceAndStoredAsItsSha256() throws Exception {
        Map<String, Object> created = createKey("billing");
        String key = (String) created.get("key");
        assertTrue(key.matches("ok_[A-Za-z0-9_-]{43}"), key);
        assertEquals(key.substring(0, 11), created.get("prefix"));
        assertNotNull(created.get("createdAt"));

        Reply list = client.admin("GET", "/api/api-keys", null);
        assertFalse(list.body().contains(key), "the list never shows the key");
        assertFalse(list.body().contains(key.substring(11)), "nor any part of it beyond the prefix");
        Map<String, Object> listed = items(list).get(0);
        assertEquals(created.get("prefix"), listed.get("prefix"));
        assertFalse(listed.containsKey("key") || listed.containsKey("keyHash"), listed.toString());
        assertNull(listed.get("lastUsedAt"));
        assertNull(listed.get("revokedAt"));

        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT key_hash FROM api_keys WHERE id = " + id(created))) {
            assertTrue(r.next());
            assertTrue(MessageDigest.isEqual(sha256, r.getBytes(1)));
        }
    }

    @Test
    void aTriggeredEventsLinesCarryItsSourceEventIdAndTheCallersEventId() {
        String key = (String) createKey("logged").get("key");
        createSource("{\"name\":\"order.created\"}");

        try (JsonLogs logs = JsonLogs.capture()) {
            Reply reply = trigger(key, order("ord-logged", "{\"order\":{\"id\":\"o-1\"},\"total\":5}"));

            assertEquals(202, reply.status(), reply.body());
            Map<String, Object> line =
                    logs.line("triggered event order.created:").orElseThrow();
            assertEquals("order.created", line.get("source"));
            assertEquals(String.valueOf(id(map(reply))), line.get("event_id"));
            assertEquals("ord-logged", line.get("provider_delivery_id"));
        }
    }

    @Test
    void keyNeedsAName() {
        assertEquals(List.of("name"), client.invalidFields(client.admin("POST", "/api/api-keys", "{\"name\":\" \"}")));
        assertEquals(
                List.of("name"),
                client.invalidFields(client.admin("POST", "/api/api-keys", "{\"name\":\"" + "n".repeat(201) + "\"}")));
    }

    @Test
    void revokedKeyIs401() throws SQLException {
        createSource("{\"name\":\"order.created\"}");
        Map<String, Object> created = createKey("ci");
        String key = (String) created.get("key");
        assertEquals(202, trigger(key, order("r-1", "{}")).status());

        assertEquals(
                204,
                client.admin("DELETE", "/api/api-keys/" + id(created), null).status());
        sql("TRUNCATE webhook_events CASCADE");
        redis.sync().del(keys.events());
        assertRefused(trigger(key, order("r-2", "{}")), 401);
        assertNotNull(items(client.admin("GET", "/api/api-keys", null)).get(0).get("revokedAt"));
        assertEquals(404, client.admin("DELETE", "/api/api-keys/424242", null).status());
    }

    @Test
    void acceptedTriggerIsStoredWithSourceAndKeyThenEnqueued() throws SQLException {
        long source = createSource("{\"name\":\"order.created\",\"payloadSchema\":" + ORDER_SCHEMA + "}");
        Map<String, Object> key = createKey("shop");
        String body = order("order-1", "{ \"order\": {\"id\": \"o-1\"}, \"total\": 12.50 }");

        Reply reply = trigger((String) key.get("key"), body);

        assertEquals(202, reply.status(), reply.body());
        assertEquals("accepted", map(reply).get("status"));
        long id = id(map(reply));
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM webhook_events WHERE id = " + id)) {
            assertTrue(r.next());
            assertEquals(source, r.getLong("event_source_id"));
            assertEquals(id(key), r.getLong("api_key_id"));
            assertNull(r.getObject("source_id"));
            assertEquals("order.created", r.getString("event_type"));
            assertEquals("order-1", r.getString("delivery_id"));
            assertEquals("pending", r.getString("status"));
            assertNotNull(r.getTimestamp("next_sweep_at"), "the sweeper covers it like a webhook");
            assertEquals(body, new String(r.getBytes("raw_body"), StandardCharsets.UTF_8), "raw bytes kept exactly");
            assertTrue(r.getString("payload").contains("12.50"), r.getString("payload"));
            assertTrue(r.getString("headers").contains("\"authorization\": \"[redacted]\""), r.getString("headers"));
            assertFalse(r.getString("headers").contains((String) key.get("key")));
        }
        // enqueued by a background sender, off the request path
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.sync().xlen(keys.events()) > 0);
        var entries = redis.sync().xrange(keys.events(), Range.create("-", "+"));
        assertEquals(1, entries.size());
        assertEquals(Long.toString(id), entries.get(0).getBody().get(RedisKeys.EVENT_ID_FIELD));
        assertNotNull(items(client.admin("GET", "/api/api-keys", null)).get(0).get("lastUsedAt"));
    }

    @Test
    void sameEventIdReturnsFirstId() throws SQLException {
        createSource("{\"name\":\"order.created\"}");
        createSource("{\"name\":\"order.paid\"}");
        String key = (String) createKey("shop").get("key");
        long first = id(map(trigger(key, order("same", "{}"))));

        Reply again = trigger(key, order("same", "{\"different\":true}"));

        assertEquals(200, again.status(), again.body());
        assertEquals(Map.of("id", (int) first, "duplicate", true), map(again));
        assertEquals(1, count("SELECT count(*) FROM webhook_events"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.sync().xlen(keys.events()) > 0); // the first, enqueued off the request path
        assertEquals(1, redis.sync().xlen(keys.events()), "a duplicate is not enqueued again");
        assertEquals(
                202,
                trigger(key, "{\"event\":\"order.paid\",\"event_id\":\"same\"}").status(),
                "event ids are per event source");
    }

    @Test
    void unknownEventSourceIs404() throws SQLException {
        assertRefused(trigger((String) createKey("k").get("key"), order("u-1", "{}")), 404);
    }

    @Test
    void inactiveEventSourceIs404() throws SQLException {
        createSource("{\"name\":\"order.created\",\"active\":false}");
        assertRefused(trigger((String) createKey("k").get("key"), order("i-1", "{}")), 404);
    }

    @Test
    void payloadFailingTheSchemaIs422ListingEveryError() throws SQLException {
        createSource("{\"name\":\"order.created\",\"payloadSchema\":" + ORDER_SCHEMA + "}");
        Reply reply = trigger((String) createKey("k").get("key"), order("s-1", "{\"order\":{\"id\":42},\"total\":-1}"));

        assertRefused(reply, 422);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) map(reply).get("errors");
        assertEquals(
                List.of("/order/id", "/total"),
                errors.stream().map(e -> e.get("field")).toList());
        assertTrue(
                errors.stream().allMatch(e -> e.get("message") instanceof String m && !m.isBlank()), errors.toString());
    }

    @Test
    void typeTriggersTheEventSourceItNames() throws SQLException {
        long source = createSource("{\"name\":\"order.created\"}");
        String key = (String) createKey("shop").get("key");

        Reply reply =
                trigger(key, "{\"event_id\":\"t-1\",\"type\":\"order.created\",\"payload\":{\"order_id\":\"A-7\"}}");

        assertEquals(202, reply.status(), reply.body());
        assertEquals(
                1,
                count("SELECT count(*) FROM webhook_events WHERE id = " + id(map(reply)) + " AND event_source_id = "
                        + source + " AND event_type = 'order.created' AND delivery_id = 't-1'"),
                "stored under the event source type named");
        assertEquals(
                Map.of("id", (int) id(map(reply)), "duplicate", true),
                map(trigger(key, order("t-1", "{}"))),
                "the same event, whichever spelling named its source");
    }

    @Test
    void typeDisagreeingWithEventIs422NamingType() throws SQLException {
        createSource("{\"name\":\"order.created\"}");
        createSource("{\"name\":\"order.paid\"}");

        Reply reply = trigger(
                (String) createKey("k").get("key"),
                "{\"event\":\"order.created\",\"type\":\"order.paid\",\"event_id\":\"t-2\"}");

        assertRefused(reply, 422);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors =
                (List<Map<String, Object>>) map(reply).get("errors");
        assertEquals(List.of("type"), errors.stream().map(e -> e.get("field")).toList());
    }

    @Test
    void adminTokenDoesNotTriggerEvents() throws SQLException {
        createSource("{\"name\":\"order.created\"}");
        assertRefused(client.admin("POST", "/api/events", order("a-1", "{}")), 401);
        assertRefused(client.post("/api/events", order("a-2", "{}"), Map.of("Content-Type", "application/json")), 401);
        assertRefused(trigger("ok_" + "A".repeat(43), order("a-3", "{}")), 401);
        assertEquals(
                200,
                client.admin("GET", "/api/events", null).status(),
                "the admin API itself still takes the admin token");
        assertEquals(
                401,
                client.get(
                                "/api/events",
                                Map.of(
                                        "Authorization",
                                        "Bearer " + createKey("k").get("key")))
                        .status(),
                "and an API key opens nothing but triggering");
    }

    @Test
    void malformedJsonIs400() throws SQLException {
        createSource("{\"name\":\"order.created\"}");
        assertRefused(trigger((String) createKey("k").get("key"), "{\"event\": \"order.created\", "), 400);
    }

    @Test
    void jsonPostgresCannotStoreIs400() throws SQLException {
        createSource("{\"name\":\"order.created\"}");
        Reply reply = trigger((String) createKey("k").get("key"), order("nul-1", "{\"note\":\"a\\u0000b\"}"));

        assertRefused(reply, 400);
        assertEquals("Invalid JSON", map(reply).get("title"));
    }

    @Test
    void oversizedBodyIs413() throws SQLException {
        createSource("{\"name\":\"order.created\"}");
        String pad = "x".repeat(70_000);
        assertRefused(trigger((String) createKey("k").get("key"), order("big", "{\"pad\":\"" + pad + "\"}")), 413);
    }

    @Test
    void triggeredEventsShowInEventsAndAlertsWithTheirSourceName() throws SQLException {
        long source = createSource("{\"name\":\"order.created\",\"raisesAlert\":true,\"alertSeverity\":\"warning\"}");
        long id = id(map(trigger((String) createKey("k").get("key"), order("v-1", "{\"total\":3}"))));

        Map<String, Object> listed =
                items(client.admin("GET", "/api/events", null)).get(0);
        assertEquals("order.created", listed.get("source"));
        assertEquals(source, ((Number) listed.get("eventSourceId")).longValue());
        assertNull(listed.get("sourceId"));
        assertEquals(
                1,
                items(client.admin("GET", "/api/events?source=order.created", null))
                        .size());

        Map<String, Object> detail = map(client.admin("GET", "/api/events/" + id, null));
        assertEquals("order.created", detail.get("source"));
        assertEquals("v-1", detail.get("deliveryId"));
        assertEquals(Map.of("total", 3), detail.get("payload"));
        assertEquals("[redacted]", ((Map<?, ?>) detail.get("headers")).get("authorization"));

        sql("INSERT INTO alerts (event_id, event_source_id, event_type, title, message, severity) VALUES (" + id + ", "
                + source + ", 'order.created', 'Order created', 'm', 'warning')");
        Map<String, Object> alert =
                items(client.admin("GET", "/api/alerts", null)).get(0);
        assertEquals("order.created", alert.get("source"));
        assertEquals("order.created", alert.get("sourceName"));
    }
}
