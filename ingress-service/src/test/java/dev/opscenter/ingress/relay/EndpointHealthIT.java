package dev.opscenter.ingress.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/subscriptions/{id}/health} over attempts seeded at known times (relative to the service's clock,
 * which the test holds) and latencies, against real PostgreSQL.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointHealthIT extends IngressIT {
    static final MutableClock CLOCK = new MutableClock();
    private static final double EXACT = 1e-9;

    NotifyClient api;
    long source;
    long orders;
    long others;
    Instant now;

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
        source = api.source("shop");
        orders = subscription("orders");
        others = subscription("others");
        now = CLOCK.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
    }

    private long subscription(String name) {
        return api.create(
                "/api/subscriptions",
                "{\"name\":\"" + name + "\",\"eventTypes\":[\"*\"],\"url\":\"https://receiver.example/" + name + "\"}");
    }

    /** One delivery of a new event to the subscription, with one attempt this long ago. */
    private void attempt(long subscription, Duration ago, Integer code, int latencyMs, String error)
            throws SQLException {
        long delivery = api.insert(
                "INSERT INTO deliveries (event_id, subscription_id, status) VALUES (?, ?, 'succeeded') RETURNING id",
                api.event(source, "order.created", "{}"),
                subscription);
        api.insert("""
                INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, error)
                VALUES (?, 1, ?, ?, ?, ?) RETURNING id""", delivery, OffsetDateTime.ofInstant(now.minus(ago), ZoneOffset.UTC), code, latencyMs, error);
    }

    /** Four attempts in the last hour, two more in the day, one older, and another subscription's. */
    private void seed() throws SQLException {
        attempt(orders, Duration.ofMinutes(50), 200, 100, null);
        attempt(orders, Duration.ofMinutes(40), 503, 200, "HTTP 503");
        attempt(orders, Duration.ofMinutes(10), 200, 300, null);
        attempt(orders, Duration.ofMinutes(5), null, 400, "no reply: the connection failed or timed out");
        attempt(orders, Duration.ofHours(2), 204, 50, null);
        attempt(orders, Duration.ofHours(20), 500, 1000, "HTTP 500");
        attempt(orders, Duration.ofDays(2), 200, 5000, null);
        attempt(others, Duration.ofMinutes(1), 200, 9000, null);
        attempt(others, Duration.ofSeconds(30), 410, 9000, "HTTP 410");
    }

    private Map<String, Object> health(long id) {
        return api.expect(200, api.call("GET", "/api/subscriptions/" + id + "/health", null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> window(Map<String, Object> health, String name) {
        return (Map<String, Object>) health.get(name);
    }

    private static double number(Map<String, Object> window, String field) {
        return ((Number) window.get(field)).doubleValue();
    }

    @Test
    void lastHourCountsAndPercentilesOverItsAttemptsOnly() throws SQLException {
        seed();
        Map<String, Object> hour = window(health(orders), "lastHour");
        assertEquals(4, number(hour, "attempts"), EXACT);
        assertEquals(2, number(hour, "successes"), EXACT);
        assertEquals(0.5, number(hour, "successRate"), EXACT);
        // nearest rank over 100, 200, 300, 400 ms: each an observed latency
        assertEquals(200, number(hour, "latencyP50Ms"), EXACT);
        assertEquals(400, number(hour, "latencyP95Ms"), EXACT);
        assertEquals(400, number(hour, "latencyP99Ms"), EXACT);
    }

    @Test
    void lastDayAddsTheOlderAttemptsButNotThoseBeforeIt() throws SQLException {
        seed();
        Map<String, Object> day = window(health(orders), "lastDay");
        assertEquals(6, number(day, "attempts"), EXACT);
        assertEquals(3, number(day, "successes"), EXACT);
        assertEquals(0.5, number(day, "successRate"), EXACT);
        // over 50, 100, 200, 300, 400, 1000 ms
        assertEquals(200, number(day, "latencyP50Ms"), EXACT);
        assertEquals(1000, number(day, "latencyP95Ms"), EXACT);
        assertEquals(1000, number(day, "latencyP99Ms"), EXACT);
    }

    @Test
    void lastSuccessAndLastFailureWithItsError() throws SQLException {
        seed();
        Map<String, Object> health = health(orders);
        assertEquals(orders, ((Number) health.get("subscriptionId")).longValue());
        assertEquals(now.minus(Duration.ofMinutes(10)), Instant.parse((String) health.get("lastSuccessAt")));
        assertEquals(now.minus(Duration.ofMinutes(5)), Instant.parse((String) health.get("lastFailureAt")));
        assertNull(health.get("lastFailureStatusCode"), "the receiver did not answer");
        assertEquals("no reply: the connection failed or timed out", health.get("lastFailureError"));
    }

    @Test
    void windowsFollowTheClock() throws SQLException {
        seed();
        CLOCK.advance(Duration.ofHours(3));
        Map<String, Object> health = health(orders);
        assertEquals(0, number(window(health, "lastHour"), "attempts"), EXACT);
        assertEquals(6, number(window(health, "lastDay"), "attempts"), EXACT, "20 h + 3 h ago is still within the day");
        CLOCK.advance(Duration.ofHours(2));
        assertEquals(5, number(window(health(orders), "lastDay"), "attempts"), EXACT);
    }

    @Test
    void anEndpointWithoutAttemptsHasZerosAndNulls() {
        Map<String, Object> health = health(orders);
        for (String name : new String[] {"lastHour", "lastDay"}) {
            Map<String, Object> window = window(health, name);
            assertEquals(0, number(window, "attempts"), EXACT);
            assertEquals(0, number(window, "successes"), EXACT);
            assertNull(window.get("successRate"));
            assertNull(window.get("latencyP50Ms"));
            assertNull(window.get("latencyP95Ms"));
            assertNull(window.get("latencyP99Ms"));
        }
        assertNull(health.get("lastSuccessAt"));
        assertNull(health.get("lastFailureAt"));
        assertNull(health.get("lastFailureError"));
    }

    @Test
    void theListShowsEachSubscriptionsLastHour() throws SQLException {
        seed();
        long idle = subscription("idle");
        Map<Long, Object> byId = new HashMap<>();
        for (Map<String, Object> item : api.items(api.call("GET", "/api/subscriptions", null))) {
            byId.put(NotifyClient.id(item), item.get("health"));
        }
        assertEquals(Map.of("attemptsLastHour", 4, "successRateLastHour", 0.5), byId.get(orders));
        assertEquals(Map.of("attemptsLastHour", 2, "successRateLastHour", 0.5), byId.get(others));
        Map<String, Object> none = new HashMap<>();
        none.put("attemptsLastHour", 0);
        none.put("successRateLastHour", null);
        assertEquals(none, byId.get(idle), "no rate without attempts");
    }

    @Test
    void unknownSubscriptionIs404() {
        api.expect(404, api.call("GET", "/api/subscriptions/987654/health", null));
    }
}
