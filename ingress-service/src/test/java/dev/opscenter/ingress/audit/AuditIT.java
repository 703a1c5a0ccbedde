package dev.opscenter.ingress.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit log against real PostgreSQL and Redis: every kind of change through the admin API leaves one row with who,
 * the resource before and after; a refused change leaves none; no secret ever lands in it; {@code GET /api/audit}
 * pages and filters it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT extends IngressIT {
    private static final String ACTOR = "admin token";
    private static final String SIGNING =
            "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Inject
    AuditTrail audit;

    @Inject
    Database db;

    NotifyClient api;

    @Override
    public Map<String, String> getProperties() {
        // no worker answers test deliveries here: the test endpoint gives up waiting at once
        return propertiesWith("opscenter.relay.test-wait", "100ms", "opscenter.sources.cache-ttl", "1h");
    }

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
        sql("TRUNCATE audit_log, api_keys CASCADE");
    }

    /** The resource's audit rows, newest first. */
    private List<Map<String, Object>> history(String type, long id) {
        Reply reply = client.admin("GET", "/api/audit?resourceType=" + type + "&resourceId=" + id, null);
        assertEquals(200, reply.status(), reply.body());
        return items(reply);
    }

    private static List<Object> actions(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("action")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> before(Map<String, Object> row) {
        return (Map<String, Object>) row.get("before");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> after(Map<String, Object> row) {
        return (Map<String, Object>) row.get("after");
    }

    /** Asserts the oldest-first actions of a resource, each by the admin token, create without before, delete without after. */
    private List<Map<String, Object>> assertHistory(String type, long id, String... oldestFirst) {
        List<Map<String, Object>> rows = new ArrayList<>(history(type, id));
        java.util.Collections.reverse(rows);
        assertEquals(List.of(oldestFirst), actions(rows), type + " " + id);
        for (Map<String, Object> row : rows) {
            assertEquals(ACTOR, row.get("actor"));
            assertEquals(type, row.get("resourceType"));
            assertEquals(Long.toString(id), row.get("resourceId"));
            assertNotNull(row.get("at"));
            if (row.get("action").equals("created")) {
                assertNull(row.get("before"));
            } else {
                assertNotNull(row.get("before"), row.toString());
            }
            if (row.get("action").equals("deleted")) {
                assertNull(row.get("after"));
            } else {
                assertNotNull(row.get("after"), row.toString());
            }
        }
        return rows;
    }

    private long auditRows() throws SQLException {
        return count("SELECT count(*) FROM audit_log");
    }

    @Test
    void sourceChangesAreRecordedWithTheirViewBeforeAndAfter() {
        long id = api.source("gh");
        api.expect(200, api.call("PUT", "/api/sources/" + id, "{\"name\":\"GitHub main\",\"active\":false}"));
        api.expect(204, api.call("DELETE", "/api/sources/" + id, null));

        List<Map<String, Object>> rows = assertHistory("source", id, "created", "updated", "deleted");
        assertEquals("gh", rows.get(0).get("resourceName"));
        assertEquals("gh", after(rows.get(0)).get("slug"));
        Map<String, Object> updated = rows.get(1);
        assertEquals("GitHub main", updated.get("resourceName"));
        assertEquals(true, before(updated).get("active"));
        assertEquals(false, after(updated).get("active"));
        assertEquals("GitHub main", before(rows.get(2)).get("name"));
    }

    @Test
    void aSourceChangedInsideTheAuditedTransactionStillReachesTheWebhookPath() {
        long id = api.source("gh");
        // the first webhook puts the source in the cache; the update's announcement, made once its transaction
        // committed, drops it there, so the next webhook finds the source disabled
        assertEquals(202, client.githubPing("webhook-secret-gh", "d-1").statusCode());
        api.expect(200, api.call("PUT", "/api/sources/" + id, "{\"active\":false}"));
        assertEquals(403, client.githubPing("webhook-secret-gh", "d-2").statusCode());
    }

    @Test
    void eventSourceChannelTemplateAndRuleChangesAreRecorded() {
        long eventSource = api.create("/api/event-sources", "{\"name\":\"order.created\"}");
        api.expect(200, api.call("PUT", "/api/event-sources/" + eventSource, "{\"description\":\"orders\"}"));
        api.expect(204, api.call("DELETE", "/api/event-sources/" + eventSource, null));
        List<Map<String, Object>> es = assertHistory("event_source", eventSource, "created", "updated", "deleted");
        assertEquals("orders", after(es.get(1)).get("description"));

        long channel = api.create(
                "/api/channels", "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"https://r.example\"}}");
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/channels/" + channel,
                        "{\"name\":\"hook 2\",\"config\":{\"url\":\"https://r.example\"}}"));
        long template = api.create(
                "/api/notification-templates", "{\"name\":\"t\",\"channelType\":\"webhook\",\"body\":\"{{title}}\"}");
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/notification-templates/" + template,
                        "{\"name\":\"t2\",\"channelType\":\"webhook\",\"body\":\"{{title}}!\"}"));
        long rule = api.create(
                "/api/notification-rules",
                "{\"name\":\"r\",\"channelId\":" + channel + ",\"templateId\":" + template
                        + ",\"recipients\":[\"ops\"]}");
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/notification-rules/" + rule,
                        "{\"name\":\"r\",\"channelId\":" + channel + ",\"templateId\":" + template
                                + ",\"recipients\":[\"ops\"],\"active\":false}"));
        api.expect(204, api.call("DELETE", "/api/notification-rules/" + rule, null));
        api.expect(204, api.call("DELETE", "/api/notification-templates/" + template, null));
        api.expect(204, api.call("DELETE", "/api/channels/" + channel, null));

        List<Map<String, Object>> channelRows = assertHistory("channel", channel, "created", "updated", "deleted");
        assertEquals("hook", before(channelRows.get(1)).get("name"));
        assertEquals("hook 2", after(channelRows.get(1)).get("name"));
        List<Map<String, Object>> templateRows = assertHistory("template", template, "created", "updated", "deleted");
        assertEquals("{{title}}!", after(templateRows.get(1)).get("body"));
        List<Map<String, Object>> ruleRows = assertHistory("rule", rule, "created", "updated", "deleted");
        assertEquals(true, before(ruleRows.get(1)).get("active"));
        assertEquals(false, after(ruleRows.get(1)).get("active"));
    }

    @Test
    void groupsAndTheirMembersAreRecordedWithCounts() {
        long group = api.create("/api/recipient-groups", "{\"name\":\"oncall\"}");
        api.expect(200, api.call("PUT", "/api/recipient-groups/" + group, "{\"name\":\"oncall-eu\"}"));
        api.expect(
                200,
                api.call(
                        "POST",
                        "/api/recipient-groups/" + group + "/members",
                        "{\"recipients\":[\"a@example.com\",\"b@example.com\"]}"));
        // adding members already there changes nothing, so it records nothing
        api.expect(
                200,
                api.call(
                        "POST", "/api/recipient-groups/" + group + "/members", "{\"recipients\":[\"a@example.com\"]}"));
        api.expect(
                200,
                api.call(
                        "DELETE",
                        "/api/recipient-groups/" + group + "/members",
                        "{\"recipients\":[\"a@example.com\"]}"));
        api.expect(204, api.call("DELETE", "/api/recipient-groups/" + group, null));

        List<Map<String, Object>> rows =
                assertHistory("group", group, "created", "updated", "members_added", "members_removed", "deleted");
        Map<String, Object> added = rows.get(2);
        assertEquals(0, ((Number) before(added).get("memberCount")).intValue());
        assertEquals(2, ((Number) after(added).get("memberCount")).intValue());
        assertEquals(List.of("a@example.com", "b@example.com"), after(added).get("recipients"));
        assertEquals(1, ((Number) after(rows.get(3)).get("memberCount")).intValue());
    }

    @Test
    void apiKeysSubscriptionsAndSilencesAreRecorded() {
        long key = api.create("/api/api-keys", "{\"name\":\"shop\"}");
        api.expect(204, api.call("DELETE", "/api/api-keys/" + key, null));
        api.expect(204, api.call("DELETE", "/api/api-keys/" + key, null)); // revoked already: nothing changes
        List<Map<String, Object>> keyRows = assertHistory("api_key", key, "created", "revoked");
        assertNull(before(keyRows.get(1)).get("revokedAt"));
        assertNotNull(after(keyRows.get(1)).get("revokedAt"));

        long subscription = api.create(
                "/api/subscriptions", "{\"name\":\"orders\",\"eventTypes\":[\"*\"],\"url\":\"https://r.example/o\"}");
        api.expect(200, api.call("PUT", "/api/subscriptions/" + subscription, "{\"description\":\"feed\"}"));
        api.expect(200, api.call("POST", "/api/subscriptions/" + subscription + "/rotate-secret", null));
        api.expect(204, api.call("DELETE", "/api/subscriptions/" + subscription, null));
        List<Map<String, Object>> subscriptionRows =
                assertHistory("subscription", subscription, "created", "updated", "secret_rotated", "deleted");
        assertEquals(false, before(subscriptionRows.get(2)).get("hasPreviousSecret"));
        assertEquals(true, after(subscriptionRows.get(2)).get("hasPreviousSecret"));

        String inAnHour = Instant.now().plus(Duration.ofHours(1)).toString();
        long silence = api.create(
                "/api/silences", "{\"text\":\"disk\",\"comment\":\"known\",\"endsAt\":\"" + inAnHour + "\"}");
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/silences/" + silence,
                        "{\"text\":\"disk full\",\"comment\":\"known\",\"endsAt\":\"" + inAnHour + "\"}"));
        api.expect(200, api.call("POST", "/api/silences/" + silence + "/expire", null));
        api.expect(200, api.call("POST", "/api/silences/" + silence + "/expire", null)); // expired already
        List<Map<String, Object>> silenceRows = assertHistory("silence", silence, "created", "updated", "expired");
        assertEquals("known", silenceRows.get(0).get("resourceName"));
        assertEquals("disk full", after(silenceRows.get(1)).get("text"));
    }

    @Test
    void triageMovesAreRecordedButRepeatsAndReadMarksAreNot() throws SQLException {
        long source = api.source("tri");
        long alert = api.alert(api.event(source, "push", "{}"), source, "critical", "CI failed");
        api.expect(200, api.call("POST", "/api/alerts/" + alert + "/acknowledge", null));
        api.expect(200, api.call("POST", "/api/alerts/" + alert + "/acknowledge", null));
        api.expect(200, api.call("POST", "/api/alerts/" + alert + "/resolve", null));
        api.expect(409, api.call("POST", "/api/alerts/" + alert + "/acknowledge", null));
        api.expect(200, api.call("POST", "/api/alerts/" + alert + "/reopen", null));
        api.expect(200, api.call("POST", "/api/alerts/read", "{\"ids\":[" + alert + "]}"));

        List<Map<String, Object>> rows = assertHistory("alert", alert, "acknowledged", "resolved", "reopened");
        assertEquals("CI failed", rows.get(0).get("resourceName"));
        assertEquals("open", before(rows.get(0)).get("state"));
        assertEquals("acknowledged", after(rows.get(0)).get("state"));
        assertEquals(ACTOR, after(rows.get(0)).get("acknowledgedBy"));
        assertEquals("resolved", before(rows.get(2)).get("state"));
        assertEquals("open", after(rows.get(2)).get("state"));
    }

    @Test
    void replaysAndRetriesAreRecordedABulkCallAsOneRowWithItsCount() throws SQLException {
        long source = api.source("rp");
        long failed = api.event(source, "push", "{}");
        long failedToo = api.event(source, "push", "{}");
        sql("UPDATE webhook_events SET status = 'failed' WHERE id IN (" + failed + ", " + failedToo + ")");
        assertEquals(
                202, api.call("POST", "/api/events/" + failed + "/replay", null).status());
        List<Map<String, Object>> replay = assertHistory("event", failed, "replayed");
        assertEquals("failed", before(replay.get(0)).get("status"));
        assertEquals("pending", after(replay.get(0)).get("status"));
        sql("UPDATE webhook_events SET status = 'failed' WHERE id = " + failed);
        assertEquals(
                202,
                api.call("POST", "/api/events/replay-failed?source=rp", null).status());
        assertEquals(
                202,
                api.call("POST", "/api/events/replay-failed?source=rp", null).status()); // none left
        List<Map<String, Object>> bulk = bulkRows("event");
        assertEquals(1, bulk.size(), bulk.toString());
        assertEquals(2, ((Number) after(bulk.get(0)).get("count")).intValue());

        long channel = api.create(
                "/api/channels", "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"https://r.example\"}}");
        long rule = api.insert(
                "INSERT INTO notification_rules (name, channel_id, recipients) VALUES ('r', ?, '{ops}') RETURNING id",
                channel);
        long notification = failedNotification(failed, rule, "a");
        failedNotification(failed, rule, "b");
        assertEquals(
                202,
                api.call("POST", "/api/notification-logs/" + notification + "/retry", null)
                        .status());
        assertHistory("notification", notification, "retried");
        assertEquals(
                202,
                api.call("POST", "/api/notification-logs/retry", "{\"status\":\"failed\"}")
                        .status());
        List<Map<String, Object>> notificationBulk = bulkRows("notification");
        assertEquals(1, notificationBulk.size());
        assertEquals(1, ((Number) after(notificationBulk.get(0)).get("count")).intValue());

        long subscription = api.create(
                "/api/subscriptions", "{\"name\":\"orders\",\"eventTypes\":[\"*\"],\"url\":\"https://r.example/o\"}");
        long delivery = failedDelivery(failed, subscription);
        failedDelivery(failedToo, subscription);
        assertEquals(
                202,
                api.call("POST", "/api/deliveries/" + delivery + "/retry", null).status());
        List<Map<String, Object>> deliveryRows = assertHistory("delivery", delivery, "retried");
        assertEquals("failed", before(deliveryRows.get(0)).get("status"));
        assertEquals("pending", after(deliveryRows.get(0)).get("status"));
        assertEquals(
                202,
                api.call("POST", "/api/subscriptions/" + subscription + "/retry-failed", null)
                        .status());
        List<Map<String, Object>> deliveryBulk = bulkRows("delivery");
        assertEquals(1, deliveryBulk.size());
        assertEquals("failed deliveries of orders", deliveryBulk.get(0).get("resourceName"));

        Reply test = api.call("POST", "/api/subscriptions/" + subscription + "/test", null);
        assertEquals(202, test.status(), test.body());
        List<Map<String, Object>> tested = history("subscription", subscription);
        assertEquals("tested", tested.get(0).get("action"));
        assertEquals("orders", tested.get(0).get("resourceName"));
        assertEquals(map(test).get("deliveryId"), after(tested.get(0)).get("deliveryId"));
    }

    private List<Map<String, Object>> bulkRows(String type) {
        return items(client.admin("GET", "/api/audit?resourceType=" + type, null)).stream()
                .filter(r -> r.get("resourceId") == null)
                .toList();
    }

    private long failedNotification(long event, long rule, String recipient) throws SQLException {
        return api.insert("""
                INSERT INTO notification_logs (event_id, rule_id, channel_id, channel_type, recipient, subject, body, status,
                                               attempts, last_error)
                SELECT ?, r.id, c.id, c.type, ?, 's', 'b', 'failed', 5, 'HTTP 503'
                  FROM notification_rules r JOIN channels c ON c.id = r.channel_id WHERE r.id = ?
                RETURNING id""", event, recipient, rule);
    }

    private long failedDelivery(long event, long subscription) throws SQLException {
        return api.insert("""
                INSERT INTO deliveries (event_id, subscription_id, status, attempts, last_status_code, last_error)
                VALUES (?, ?, 'failed', 2, 503, 'HTTP 503') RETURNING id""", event, subscription);
    }

    @Test
    void aRefusedChangeRecordsNothing() throws SQLException {
        long source = api.source("kept");
        long channel = api.create(
                "/api/channels", "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"https://r.example\"}}");
        api.create("/api/channels", "{\"name\":\"other\",\"type\":\"email\",\"config\":{\"from\":\"a@example.com\"}}");
        api.insert(
                "INSERT INTO notification_rules (name, channel_id, recipients) VALUES ('r', ?, '{ops}') RETURNING id",
                channel);
        long before = auditRows();

        assertEquals(
                422, api.call("POST", "/api/sources", "{\"slug\":\"no kind\"}").status());
        assertEquals(
                404, api.call("PUT", "/api/sources/987654", "{\"name\":\"x\"}").status());
        assertEquals(
                409,
                api.call(
                                "POST",
                                "/api/sources",
                                "{\"name\":\"k\",\"slug\":\"kept\",\"kind\":\"github\",\"secret\":\"webhook-secret-k\"}")
                        .status());
        assertEquals(
                422,
                api.call("PUT", "/api/sources/" + source, "{\"slug\":\"moved\"}")
                        .status());
        // refused by PostgreSQL inside the audited transaction: a taken name, a channel rules still use
        assertEquals(
                409,
                api.call("PUT", "/api/channels/" + channel, "{\"name\":\"other\"}")
                        .status());
        assertEquals(409, api.call("DELETE", "/api/channels/" + channel, null).status());
        assertEquals(404, api.call("DELETE", "/api/api-keys/987654", null).status());
        assertEquals(
                404, api.call("POST", "/api/alerts/987654/acknowledge", null).status());
        assertEquals(404, api.call("POST", "/api/events/987654/replay", null).status());
        assertEquals(422, api.call("POST", "/api/notification-logs/retry", "{}").status());

        assertEquals(before, auditRows());
        assertEquals(
                "hook", map(api.call("GET", "/api/channels/" + channel, null)).get("name"));
    }

    @Test
    void noSecretEverReachesTheAuditLog() throws SQLException {
        List<String> secrets = new ArrayList<>();
        long source = api.source("sealed");
        secrets.add("webhook-secret-sealed");
        api.expect(200, api.call("PUT", "/api/sources/" + source, "{\"secret\":\"rotated-webhook-secret-42\"}"));
        secrets.add("rotated-webhook-secret-42");
        api.expect(204, api.call("DELETE", "/api/sources/" + source, null));

        String slackUrl = "https://hooks.slack.example/services/T000/B000/audit-slack-secret";
        long slack = api.create("/api/channels", "{\"name\":\"s\",\"type\":\"slack\",\"secret\":\"" + slackUrl + "\"}");
        secrets.add(slackUrl);
        api.create("/api/channels", "{\"name\":\"tg\",\"type\":\"telegram\",\"secret\":\"424242:bot-token-secret\"}");
        secrets.add("424242:bot-token-secret");
        long hook = api.create(
                "/api/channels",
                "{\"name\":\"h\",\"type\":\"webhook\",\"secret\":\"" + SIGNING
                        + "\",\"config\":{\"url\":\"https://r.example\",\"headers\":{\"X-Token\":\"header-secret-1\"}}}");
        secrets.add(SIGNING);
        secrets.add("header-secret-1");
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/channels/" + hook,
                        "{\"config\":{\"url\":\"https://r.example\",\"headers\":{\"X-Token\":\"header-secret-2\"}}}"));
        secrets.add("header-secret-2");
        api.expect(204, api.call("DELETE", "/api/channels/" + slack, null));

        Map<String, Object> key = api.expect(201, api.call("POST", "/api/api-keys", "{\"name\":\"shop\"}"));
        String clear = (String) key.get("key");
        secrets.add(clear);
        secrets.add(HexFormat.of().formatHex(sha256(clear)));
        secrets.add(Base64.getEncoder().encodeToString(sha256(clear)));
        api.expect(204, api.call("DELETE", "/api/api-keys/" + id(key), null));

        Map<String, Object> subscription = api.expect(
                201,
                api.call(
                        "POST",
                        "/api/subscriptions",
                        "{\"name\":\"o\",\"eventTypes\":[\"*\"],\"url\":\"https://r.example/o\",\"secret\":\"" + SIGNING
                                + "\",\"headers\":{\"X-Api-Key\":\"sub-header-secret\"}}"));
        secrets.add("sub-header-secret");
        String rotatedTo = "whsec_" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
        api.expect(
                200,
                api.call(
                        "POST",
                        "/api/subscriptions/" + id(subscription) + "/rotate-secret",
                        "{\"secret\":\"" + rotatedTo + "\"}"));
        secrets.add(rotatedTo);
        api.expect(204, api.call("DELETE", "/api/subscriptions/" + id(subscription), null));

        assertTrue(auditRows() >= 12, "every change above was recorded");
        String stored = everything();
        String listed = client.admin("GET", "/api/audit?limit=200", null).body();
        for (String secret : secrets) {
            assertFalse(stored.contains(secret), "stored: " + secret);
            assertFalse(listed.contains(secret), "listed: " + secret);
        }
    }

    /** Every audit row as text. */
    private String everything() throws SQLException {
        try (var c = env.connection();
                var s = c.createStatement();
                var r = s.executeQuery("SELECT string_agg(concat_ws('|', actor, action, resource_type, resource_id,"
                        + " resource_name, before::text, after::text), E'\\n') FROM audit_log")) {
            r.next();
            return r.getString(1);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aViewWithASecretFieldFailsTheChangeAndRollsItBack() throws SQLException {
        HttpRequest<?> request =
                HttpRequest.GET("/x").setAttribute(HttpAttributes.PRINCIPAL, Authentication.build("tester"));
        assertThrows(
                IllegalArgumentException.class,
                () -> audit.change(() -> {
                    db.update("INSERT INTO recipient_groups (name) VALUES (:name)", Params.of("name", "rolled back"));
                    audit.record(request, Action.CREATED, Resource.GROUP, 1, "x", null, Map.of("secret", "s3cr3t"));
                    return null;
                }));
        assertEquals(0, count("SELECT count(*) FROM recipient_groups WHERE name = 'rolled back'"));
        assertEquals(0, auditRows());
        assertThrows(
                IllegalStateException.class,
                () -> audit.record(request, Action.CREATED, Resource.GROUP, 1, "x", null, Map.of()),
                "a record outside the transaction of its change");
    }

    @Test
    void theLogIsListedNewestFirstInKeysetPagesAndFiltered() {
        List<Long> templates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            templates.add(api.create(
                    "/api/notification-templates",
                    "{\"name\":\"t" + i + "\",\"channelType\":\"webhook\",\"body\":\"b\"}"));
        }
        api.expect(204, api.call("DELETE", "/api/notification-templates/" + templates.get(0), null));

        Map<String, Object> first = map(client.admin("GET", "/api/audit?limit=2", null));
        List<Map<String, Object>> page = entries(first);
        assertEquals(List.of("deleted", "created"), actions(page));
        assertEquals("t4", page.get(1).get("resourceName"));
        Object next = first.get("nextBefore");
        assertEquals(((Number) page.get(1).get("id")).longValue(), ((Number) next).longValue());
        Map<String, Object> second = map(client.admin("GET", "/api/audit?limit=2&before=" + next, null));
        assertEquals(
                List.of("t3", "t2"),
                entries(second).stream().map(r -> r.get("resourceName")).toList());
        Map<String, Object> last = map(client.admin("GET", "/api/audit?limit=10&before=" + next, null));
        assertEquals(4, entries(last).size());
        assertNull(last.get("nextBefore"), "the last page");

        assertEquals(
                1, items(client.admin("GET", "/api/audit?action=deleted", null)).size());
        assertEquals(
                6,
                items(client.admin("GET", "/api/audit?resourceType=template&actor=admin%20token", null))
                        .size());
        assertEquals(
                0, items(client.admin("GET", "/api/audit?actor=someone", null)).size());
        assertEquals(
                List.of("deleted", "created"),
                actions(items(
                        client.admin("GET", "/api/audit?resourceType=template&resourceId=" + templates.get(0), null))));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void badParametersAreProblems() {
        for (String query : List.of("resourceType=planet", "action=sneezed", "resourceId=4", "before=abc")) {
            Reply reply = client.admin("GET", "/api/audit?" + query, null);
            assertTrue(reply.status() == 400 || reply.status() == 422, query + ": " + reply.status());
            assertTrue(reply.contentType().startsWith("application/problem+json"), query + ": " + reply.contentType());
        }
        assertEquals(
                List.of("resourceType", "action"),
                client.invalidFields(client.admin("GET", "/api/audit?resourceType=planet&action=sneezed", null)));
        assertEquals(401, client.get("/api/audit", Map.of()).status());
    }
}
