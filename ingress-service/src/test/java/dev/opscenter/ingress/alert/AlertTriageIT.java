package dev.opscenter.ingress.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Triage over the admin API against real PostgreSQL and Redis: acknowledge, resolve and reopen move an alert with who
 * and when, repeat moves are answered with the alert as it is, acknowledging a resolved alert is a conflict, the list
 * filters by state, and each move that changed something is published live once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertTriageIT extends IngressIT {
    @Inject
    RedisKeys keys;

    final List<Map<String, Object>> live = new CopyOnWriteArrayList<>();
    RedisClient redis;
    StatefulRedisPubSubConnection<String, String> subscription;
    long source;

    @BeforeAll
    void listen() {
        redis = RedisClient.create(env.redisUri());
        subscription = redis.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            @SuppressWarnings("unchecked")
            public void message(String channel, String message) {
                try {
                    Map<String, Object> m = json.readValue(message, Map.class);
                    if ("alert_state".equals(m.get("type"))) {
                        live.add((Map<String, Object>) m.get("data"));
                    }
                } catch (java.io.IOException e) {
                    throw new AssertionError(message, e);
                }
            }
        });
        subscription.sync().subscribe(keys.liveChannel());
    }

    @AfterAll
    void stopListening() {
        subscription.close();
        redis.shutdown();
    }

    @BeforeEach
    void aSource() {
        if (source == 0) {
            Reply created = client.admin(
                    "POST",
                    "/api/sources",
                    "{\"name\":\"GitHub\",\"slug\":\"tri\",\"kind\":\"github\",\"secret\":\"triage-webhook-secret\"}");
            assertEquals(201, created.status(), created.body());
            source = id(map(created));
        }
        live.clear();
    }

    /** An alert of a new webhook event (one alert per event). */
    private long alert(String severity) throws SQLException {
        return alert(severity, "Disk full");
    }

    private long alert(String severity, String title) throws SQLException {
        String body = "{\"ref\":\"refs/heads/main\"}";
        Reply posted = client.post(
                "/api/webhooks/tri",
                body,
                Map.of(
                        "X-GitHub-Event", "push",
                        "X-GitHub-Delivery", UUID.randomUUID().toString(),
                        "X-Hub-Signature-256",
                                GitHubSignature.sign("triage-webhook-secret", body.getBytes(StandardCharsets.UTF_8))));
        assertEquals(202, posted.status(), posted.body());
        long event = id(map(posted));
        sql("INSERT INTO alerts (event_id, source_id, event_type, title, message, severity) VALUES (" + event + ", "
                + source + ", 'push', '" + title + "', 'm', '" + severity + "')");
        return count("SELECT id FROM alerts WHERE event_id = " + event);
    }

    private Reply move(long alert, String action) {
        return client.admin("POST", "/api/alerts/" + alert + "/" + action, null);
    }

    @Test
    void aNewAlertIsOpen() throws SQLException {
        Map<String, Object> alert = map(client.admin("GET", "/api/alerts/" + alert("critical"), null));
        assertEquals("open", alert.get("state"));
        assertNull(alert.get("acknowledgedBy"));
    }

    @Test
    void acknowledgeRecordsWhoAndWhenAndIsPublishedOnce() throws SQLException {
        long id = alert("critical");
        Reply acked = move(id, "acknowledge");
        assertEquals(200, acked.status(), acked.body());
        Map<String, Object> alert = map(acked);
        assertEquals("acknowledged", alert.get("state"));
        assertEquals("admin token", alert.get("acknowledgedBy"));
        assertNotNull(alert.get("acknowledgedAt"));

        await().atMost(Duration.ofSeconds(10)).until(() -> live.size() == 1);
        assertEquals("acknowledged", live.get(0).get("state"));
        assertEquals(id, ((Number) live.get(0).get("id")).longValue());

        Reply again = move(id, "acknowledge");
        assertEquals(200, again.status(), "acknowledging again is answered with the alert as it is");
        assertEquals(alert.get("acknowledgedAt"), map(again).get("acknowledgedAt"), "the first acknowledgement stays");
        assertEquals(1, live.size(), "nothing changed, nothing published");
    }

    @Test
    void resolveKeepsTheAcknowledgementAndAcknowledgingAResolvedAlertIsAConflict() throws SQLException {
        long id = alert("error");
        move(id, "acknowledge");
        Map<String, Object> resolved = map(move(id, "resolve"));
        assertEquals("resolved", resolved.get("state"));
        assertEquals("admin token", resolved.get("resolvedBy"));
        assertEquals("admin token", resolved.get("acknowledgedBy"));

        Reply conflict = move(id, "acknowledge");
        assertEquals(409, conflict.status());
        assertTrue(conflict.contentType().startsWith("application/problem+json"), conflict.contentType());
        assertEquals(
                "resolved", map(client.admin("GET", "/api/alerts/" + id, null)).get("state"), "unchanged");
    }

    @Test
    void reopenClearsTheTriage() throws SQLException {
        long id = alert("warning");
        move(id, "resolve");
        Map<String, Object> reopened = map(move(id, "reopen"));
        assertEquals("open", reopened.get("state"));
        assertNull(reopened.get("resolvedBy"));
        assertNull(reopened.get("acknowledgedAt"));
        assertEquals(200, move(id, "reopen").status(), "reopening an open alert changes nothing");
    }

    @Test
    void theListFiltersByState() throws SQLException {
        long open = alert("critical");
        long acked = alert("critical");
        move(acked, "acknowledge");
        List<Object> openIds = items(client.admin("GET", "/api/alerts?state=open&severity=critical", null)).stream()
                .map(a -> ((Number) a.get("id")).longValue())
                .map(Object.class::cast)
                .toList();
        assertTrue(openIds.contains(open) && !openIds.contains(acked), openIds.toString());
        assertEquals(422, client.admin("GET", "/api/alerts?state=closed", null).status());
    }

    @Test
    void repeatsOfTheSameTitleAreOneGroupWithTheirCountAndMostUrgentSeverity() throws SQLException {
        alert("warning", "CI failed");
        long acked = alert("critical", "CI failed");
        long latest = alert("error", "CI failed");
        alert("info", "Deploy done");
        move(acked, "acknowledge");

        List<Map<String, Object>> groups = items(client.admin("GET", "/api/alerts/groups?window=1h", null));
        Map<String, Object> ci = groups.stream()
                .filter(g -> "CI failed".equals(g.get("title")))
                .findFirst()
                .orElseThrow();
        assertEquals(3, ((Number) ci.get("count")).intValue(), "CI failed ×3");
        assertEquals(2, ((Number) ci.get("open")).intValue());
        assertEquals("critical", ci.get("severity"), "the most urgent of the three");
        assertEquals("tri", ci.get("source"));
        assertEquals("push", ci.get("eventType"));
        assertEquals(latest, ((Number) ci.get("latestId")).longValue());
        assertTrue(groups.stream().anyMatch(g -> "Deploy done".equals(g.get("title"))), "another title, another group");

        List<Map<String, Object>> open = items(client.admin("GET", "/api/alerts/groups?window=1h&state=open", null));
        assertEquals(
                2,
                open.stream()
                        .filter(g -> "CI failed".equals(g.get("title")))
                        .mapToInt(g -> ((Number) g.get("count")).intValue())
                        .sum(),
                "the acknowledged one is not in the open groups");
        assertEquals(
                422, client.admin("GET", "/api/alerts/groups?window=30d", null).status());
        assertEquals(
                422, client.admin("GET", "/api/alerts/groups?window=soon", null).status());
    }

    @Test
    void anUnknownAlertIs404AndEveryMoveNeedsTheAdminToken() {
        assertEquals(404, move(987654, "acknowledge").status());
        assertEquals(401, client.post("/api/alerts/1/resolve", "", Map.of()).status());
    }
}
