package dev.opscenter.ingress.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The admin REST API end to end over HTTP against real PostgreSQL and Redis. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIT extends IngressIT {
    @BeforeEach
    void setUp() throws SQLException {
        sql("TRUNCATE alerts, webhook_events, webhook_sources CASCADE");
    }

    private long createGithubSource(String slug) {
        Reply created = client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"GitHub " + slug + "\",\"slug\":\"" + slug
                        + "\",\"kind\":\"github\",\"secret\":\"webhook-secret-" + slug + "\"}");
        assertEquals(201, created.status(), created.body());
        return id(map(created));
    }

    private long postPush(String slug, String delivery) {
        String body = "{\"ref\":\"refs/heads/main\"}";
        Reply r = client.post(
                "/api/webhooks/" + slug,
                body,
                Map.of(
                        "X-GitHub-Event",
                        "push",
                        "X-GitHub-Delivery",
                        delivery,
                        "X-Hub-Signature-256",
                        GitHubSignature.sign("webhook-secret-" + slug, body.getBytes(StandardCharsets.UTF_8))));
        assertEquals(202, r.status(), r.body());
        return id(map(r));
    }

    @Test
    void adminApiNeedsTheBearerToken() {
        Reply noToken = client.get("/api/sources", Map.of());
        assertEquals(401, noToken.status());
        assertTrue(noToken.contentType().startsWith("application/problem+json"));
        assertEquals(
                401,
                client.get("/api/alerts", Map.of("Authorization", "Bearer wrong"))
                        .status());
        assertEquals(200, client.get("/api/ui-config", Map.of()).status(), "UI config is public");
    }

    @Test
    void sourceCrudNeverReturnsTheSecret() {
        long id = createGithubSource("ci");
        Reply got = client.admin("GET", "/api/sources/" + id, null);
        assertEquals(200, got.status());
        assertFalse(got.body().contains("secret-ci"), got.body());
        assertEquals("/api/webhooks/ci", map(got).get("webhookPath"));
        assertFalse(client.admin("GET", "/api/sources", null).body().contains("secret-ci"));

        Reply updated = client.admin("PUT", "/api/sources/" + id, "{\"name\":\"Renamed\",\"active\":false}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("Renamed", map(updated).get("name"));
        assertEquals(false, map(updated).get("active"));

        assertEquals(204, client.admin("DELETE", "/api/sources/" + id, null).status());
        assertEquals(404, client.admin("GET", "/api/sources/" + id, null).status());
        assertEquals(404, client.post("/api/webhooks/ci", "{}", Map.of()).status(), "a deleted source accepts nothing");
        createGithubSource("ci"); // the slug is free again
    }

    @Test
    void invalidSourceIs422NamingTheField() {
        Reply badKind = client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"x\",\"slug\":\"x\",\"kind\":\"ftp\",\"secret\":\"0123456789abcdef\"}");
        assertEquals(422, badKind.status());
        assertEquals(
                "kind",
                ((List<Map<String, Object>>) (List) map(badKind).get("errors"))
                        .get(0)
                        .get("field"));
        Reply badSlug = client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"x\",\"slug\":\"Has Spaces\",\"kind\":\"github\",\"secret\":\"0123456789abcdef\"}");
        assertEquals(422, badSlug.status());
        Reply badStandard = client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"x\",\"slug\":\"sw\",\"kind\":\"standard\",\"secret\":\"not base64 !!\"}");
        assertEquals(422, badStandard.status());
        Reply badGeneric = client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"x\",\"slug\":\"gen\",\"kind\":\"generic\",\"secret\":\"0123456789abcdef\",\"settings\":{\"algorithm\":\"crc32\"}}");
        assertEquals(422, badGeneric.status());
        createGithubSource("taken");
        assertEquals(
                409,
                client.admin(
                                "POST",
                                "/api/sources",
                                "{\"name\":\"x\",\"slug\":\"taken\",\"kind\":\"github\",\"secret\":\"0123456789abcdef\"}")
                        .status());
    }

    @Test
    void everyInvalidFieldOfASourceIsNamedAtOnce() {
        assertEquals(
                List.of("kind", "slug", "name", "secret"),
                client.invalidFields(client.admin(
                        "POST",
                        "/api/sources",
                        "{\"name\":\"\",\"slug\":\"Has Spaces\",\"kind\":\"ftp\",\"secret\":\"short\"}")));
        long id = createGithubSource("fixed");
        assertEquals(
                List.of("slug", "kind", "name", "secret"),
                client.invalidFields(client.admin(
                        "PUT",
                        "/api/sources/" + id,
                        "{\"slug\":\"moved\",\"kind\":\"stripe\",\"name\":\" \",\"secret\":\"short\"}")));
    }

    @Test
    void eventsListFiltersAndPagesNewestFirst() {
        createGithubSource("a");
        createGithubSource("b");
        long a1 = postPush("a", "a1");
        long a2 = postPush("a", "a2");
        long b1 = postPush("b", "b1");

        List<Map<String, Object>> all = items(client.admin("GET", "/api/events", null));
        assertEquals(
                List.of(b1, a2, a1),
                all.stream().map(e -> ((Number) e.get("id")).longValue()).toList());

        Reply page1 = client.admin("GET", "/api/events?source=a&limit=1", null);
        assertEquals(1, items(page1).size());
        assertEquals(a2, ((Number) items(page1).get(0).get("id")).longValue());
        Number next = (Number) map(page1).get("nextBefore");
        List<Map<String, Object>> page2 =
                items(client.admin("GET", "/api/events?source=a&limit=1&before=" + next, null));
        assertEquals(a1, ((Number) page2.get(0).get("id")).longValue());

        assertEquals(
                3,
                items(client.admin("GET", "/api/events?status=pending&type=push", null))
                        .size());
        assertEquals(
                0, items(client.admin("GET", "/api/events?status=failed", null)).size());
        assertEquals(422, client.admin("GET", "/api/events?status=bogus", null).status());
    }

    @Test
    void eventsListNarrowsToAReceivedTimeRange() throws SQLException {
        createGithubSource("t");
        long old = postPush("t", "t1");
        long recent = postPush("t", "t2");
        sql("UPDATE webhook_events SET received_at = '2026-01-01T10:00:00Z' WHERE id = " + old);
        sql("UPDATE webhook_events SET received_at = '2026-01-02T10:00:00Z' WHERE id = " + recent);

        List<Map<String, Object>> first =
                items(client.admin("GET", "/api/events?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", null));
        List<Map<String, Object>> second =
                items(client.admin("GET", "/api/events?source=t&from=2026-01-01T10:00:01Z", null));

        assertEquals(
                List.of(old),
                first.stream().map(e -> ((Number) e.get("id")).longValue()).toList());
        assertEquals(
                List.of(recent),
                second.stream().map(e -> ((Number) e.get("id")).longValue()).toList());
    }

    @Test
    void eventsListNamesEveryBadFilterInOne422() {
        Reply reply = client.admin(
                "GET", "/api/events?status=bogus&from=yesterday&to=2026-01-01T00:00:00Z&type=" + "x".repeat(201), null);

        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertEquals(List.of("status", "from", "type"), client.invalidFields(reply));
        Reply reversed = client.admin("GET", "/api/events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", null);
        assertEquals(List.of("to"), client.invalidFields(reversed));
    }

    @Test
    void eventDetailShowsPayloadHeadersAndTimings() {
        createGithubSource("d");
        long id = postPush("d", "detail-1");
        Map<String, Object> detail = map(client.admin("GET", "/api/events/" + id, null));
        assertEquals(Map.of("ref", "refs/heads/main"), detail.get("payload"));
        assertEquals("push", ((Map<?, ?>) detail.get("headers")).get("x-github-event"));
        assertEquals("pending", detail.get("status"));
        assertTrue(detail.containsKey("processingMs"));
        assertEquals(404, client.admin("GET", "/api/events/999999", null).status());
    }

    @Test
    void replayRequeuesFailedEventsOnly() throws SQLException {
        createGithubSource("r");
        long failed = postPush("r", "r1");
        long processed = postPush("r", "r2");
        sql("UPDATE webhook_events SET status = 'failed', attempts = 3, error = 'boom' WHERE id = " + failed);
        sql("UPDATE webhook_events SET status = 'processed', processed_at = now() WHERE id = " + processed);
        staleEntry(failed);

        Reply replay = client.admin("POST", "/api/events/" + failed + "/replay", null);
        assertEquals(202, replay.status(), replay.body());
        assertEquals(0, staleEntries(failed), "the replayed event's old stream entry is forgotten");
        assertEquals("pending", map(replay).get("status"));
        assertEquals("failed", map(replay).get("previousStatus"));
        Map<String, Object> after = map(client.admin("GET", "/api/events/" + failed, null));
        assertEquals("pending", after.get("status"));
        assertEquals(0, ((Number) after.get("attempts")).intValue());
        assertNull(after.get("error"));

        assertEquals(
                409,
                client.admin("POST", "/api/events/" + processed + "/replay", null)
                        .status());
        assertEquals(
                404, client.admin("POST", "/api/events/424242/replay", null).status());
    }

    @Test
    void bulkReplaySendsBackTheFailedEventsOfOneSourceOrOfAll() throws SQLException {
        createGithubSource("bulk");
        createGithubSource("other");
        long failed1 = postPush("bulk", "b1");
        long failed2 = postPush("bulk", "b2");
        long processed = postPush("bulk", "b3");
        long otherFailed = postPush("other", "o1");
        sql(
                "UPDATE webhook_events SET status = 'failed', attempts = 5, error = 'parse error' WHERE id IN ("
                        + failed1 + ", " + failed2 + ", " + otherFailed + ")",
                "UPDATE webhook_events SET status = 'processed' WHERE id = " + processed);
        staleEntry(failed1);
        staleEntry(otherFailed);

        Reply bySource = client.admin("POST", "/api/events/replay-failed?source=bulk", null);
        assertEquals(202, bySource.status(), bySource.body());
        assertEquals(Map.of("replayed", 2, "remaining", false), map(bySource));
        assertEquals(0, staleEntries(failed1), "the replayed event's old stream entry is forgotten");
        assertEquals(1, staleEntries(otherFailed), "an event not replayed keeps its entry");
        for (long id : List.of(failed1, failed2)) {
            Map<String, Object> event = map(client.admin("GET", "/api/events/" + id, null));
            assertEquals("pending", event.get("status"));
            assertEquals(0, ((Number) event.get("attempts")).intValue());
        }
        assertEquals(
                "processed",
                map(client.admin("GET", "/api/events/" + processed, null)).get("status"));
        assertEquals(
                "failed",
                map(client.admin("GET", "/api/events/" + otherFailed, null)).get("status"),
                "another source's failed event is left alone");

        assertEquals(
                Map.of("replayed", 1, "remaining", false),
                map(client.admin("POST", "/api/events/replay-failed", null)),
                "without a source: every failed event left");
    }

    @Test
    void alertsFilterAndBulkMarkRead() throws SQLException {
        long source = createGithubSource("al");
        long e1 = postPush("al", "al1");
        long e2 = postPush("al", "al2");
        sql("INSERT INTO alerts (event_id, source_id, title, message, severity) VALUES (" + e1 + ", " + source
                + ", 'Disk full', 'm', 'critical')");
        sql("INSERT INTO alerts (event_id, source_id, title, message, severity) VALUES (" + e2 + ", " + source
                + ", 'Push', 'm', 'info')");

        List<Map<String, Object>> critical = items(client.admin("GET", "/api/alerts?severity=critical", null));
        assertEquals(1, critical.size());
        assertEquals("Disk full", critical.get(0).get("title"));
        assertEquals("al", critical.get(0).get("source"));
        assertEquals(e1, ((Number) critical.get(0).get("eventId")).longValue());

        List<Object> ids = items(client.admin("GET", "/api/alerts", null)).stream()
                .map(a -> a.get("id"))
                .toList();
        Reply read = client.admin("POST", "/api/alerts/read", "{\"ids\":" + ids + "}");
        assertEquals(Map.of("updated", 2), map(read));
        assertEquals(
                0, items(client.admin("GET", "/api/alerts?read=false", null)).size());
        assertEquals(
                2, items(client.admin("GET", "/api/alerts?read=true", null)).size());
        assertEquals(
                422, client.admin("POST", "/api/alerts/read", "{\"ids\":[]}").status());
        assertEquals(
                422, client.admin("GET", "/api/alerts?severity=urgent", null).status());
    }

    @Test
    void statsCountTodayCritical24hFailuresAndAverageProcessing() throws SQLException {
        long source = createGithubSource("st");
        long e1 = postPush("st", "s1");
        long e2 = postPush("st", "s2");
        postPush("st", "s3");
        sql(
                "UPDATE webhook_events SET status = 'processed', processed_at = received_at + interval '40 milliseconds' WHERE id = "
                        + e1);
        sql("UPDATE webhook_events SET status = 'failed' WHERE id = " + e2);
        sql("INSERT INTO alerts (event_id, source_id, title, message, severity) VALUES (" + e1 + ", " + source
                + ", 't', 'm', 'critical')");

        Map<String, Object> stats = map(client.admin("GET", "/api/stats", null));
        assertEquals(3, ((Number) stats.get("webhooksToday")).intValue());
        assertEquals(1, ((Number) stats.get("criticalAlerts24h")).intValue());
        assertEquals(1, ((Number) stats.get("failedEvents24h")).intValue());
        assertEquals(40.0, ((Number) stats.get("avgProcessingMs")).doubleValue(), 0.5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void seriesCountEventsPerMinuteBySourceAndAlertsPerHourBySeverityOverTheLastDay() throws SQLException {
        long source = createGithubSource("se");
        long recent = postPush("se", "se1");
        postPush("se", "se2");
        long old = postPush("se", "se3");
        sql("UPDATE webhook_events SET received_at = now() - interval '25 hours' WHERE id = " + old);
        sql("INSERT INTO alerts (event_id, source_id, title, message, severity) VALUES (" + recent + ", " + source
                + ", 't', 'm', 'error')");

        Map<String, Object> series = map(client.admin("GET", "/api/stats/series", null));
        List<Map<String, Object>> events = (List<Map<String, Object>>) series.get("eventsPerMinute");
        Map<String, Object> line = events.stream()
                .filter(l -> l.get("name").equals("GitHub se"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(events));
        long counted = ((List<Map<String, Object>>) line.get("points"))
                .stream().mapToLong(p -> ((Number) p.get("count")).longValue()).sum();
        assertEquals(2, counted, "the event older than 24 h is left out");
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) series.get("alertsPerHour");
        assertTrue(alerts.stream().anyMatch(l -> l.get("name").equals("error")), alerts.toString());
        assertEquals(401, client.get("/api/stats/series", Map.of()).status());
    }

    @Test
    void systemHealthReportsEachComponent() {
        Map<String, Object> health = map(client.admin("GET", "/api/system/health", null));
        Map<?, ?> components = (Map<?, ?>) health.get("components");
        assertEquals("ok", ((Map<?, ?>) components.get("postgres")).get("status"));
        assertEquals("ok", ((Map<?, ?>) components.get("redis")).get("status"));
        assertEquals("down", ((Map<?, ?>) components.get("worker")).get("status"), "no worker runs in this test");
        assertEquals("down", ((Map<?, ?>) components.get("realtime")).get("status"), "no realtime runs in this test");
        assertEquals("degraded", health.get("status"));
    }

    /** Records an old stream entry for the event, as if it had been appended long ago. */
    private void staleEntry(long id) throws SQLException {
        sql("INSERT INTO webhook_event_entries (event_id, stream_entry_id) VALUES (" + id + ", '1-0')"
                + " ON CONFLICT (event_id) DO UPDATE SET stream_entry_id = '1-0'");
    }

    private long staleEntries(long id) throws SQLException {
        return count("SELECT count(*) FROM webhook_event_entries WHERE stream_entry_id = '1-0' AND event_id = " + id);
    }
}
