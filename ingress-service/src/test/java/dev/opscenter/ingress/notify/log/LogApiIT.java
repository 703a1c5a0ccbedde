package dev.opscenter.ingress.notify.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.notify.NotifyClient;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /api/notification-logs and /api/notification-fanouts over HTTP against real PostgreSQL and Redis. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogApiIT extends IngressIT {
    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    NotifyClient api;
    long event;
    long channel;
    long otherChannel;
    long rule;
    long otherRule;

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
        redis.sync().del(keys.notifications());
        long source = api.source("logs");
        event = api.event(source, "push", "{}");
        channel = api.create(
                "/api/channels", "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"https://r.example\"}}");
        otherChannel = api.create(
                "/api/channels", "{\"name\":\"mail\",\"type\":\"email\",\"config\":{\"from\":\"a@example.com\"}}");
        rule = api.insert(
                "INSERT INTO notification_rules (name, channel_id, recipients) VALUES ('r1', ?, '{ops}') RETURNING id",
                channel);
        otherRule = api.insert(
                "INSERT INTO notification_rules (name, channel_id, recipients) VALUES ('r2', ?, '{x@example.com}') RETURNING id",
                otherChannel);
    }

    private long log(long ruleId, long channelId, String recipient, String status) throws SQLException {
        return api.insert("""
                INSERT INTO notification_logs (event_id, rule_id, channel_id, channel_type, recipient, subject, body, status,
                                               attempts, last_error, next_attempt_at)
                SELECT ?, ?, c.id, c.type, ?, 'subject', 'body', ?, 5, CASE WHEN ? = 'failed' THEN 'HTTP 503' END, NULL
                  FROM channels c WHERE c.id = ?
                RETURNING id""", event, ruleId, recipient, status, status, channelId);
    }

    private List<Long> ids(String query) {
        return api.items(api.call("GET", "/api/notification-logs" + query, null)).stream()
                .map(NotifyClient::id)
                .toList();
    }

    private List<String> streamedIds() {
        return redis.sync().xrange(keys.notifications(), Range.create("-", "+")).stream()
                .map(StreamMessage::getBody)
                .map(b -> b.get("id"))
                .toList();
    }

    @Test
    void listsNewestFirstWithFiltersAndPages() throws SQLException {
        long sent = log(rule, channel, "a", "sent");
        long failed = log(rule, channel, "b", "failed");
        long otherFailed = log(otherRule, otherChannel, "c@example.com", "failed");

        assertEquals(List.of(otherFailed, failed, sent), ids(""));
        assertEquals(List.of(otherFailed, failed), ids("?status=failed"));
        assertEquals(List.of(failed, sent), ids("?rule=" + rule));
        assertEquals(List.of(otherFailed), ids("?channel=" + otherChannel));
        assertEquals(List.of(failed), ids("?status=failed&channel=" + channel));

        Map<String, Object> page = api.expect(200, api.call("GET", "/api/notification-logs?limit=2", null));
        assertEquals(failed, ((Number) page.get("nextBefore")).longValue());
        assertEquals(List.of(sent), ids("?limit=2&before=" + failed));
        api.assertInvalid("status", api.call("GET", "/api/notification-logs?status=lost", null));
    }

    @Test
    void detailShowsTheWholeNotification() throws SQLException {
        long id = log(rule, channel, "a", "failed");
        Map<String, Object> detail = api.expect(200, api.call("GET", "/api/notification-logs/" + id, null));
        assertEquals("body", detail.get("body"));
        assertEquals("webhook", detail.get("channelType"));
        assertEquals("HTTP 503", detail.get("lastError"));
        assertEquals(event, ((Number) detail.get("eventId")).longValue());
        api.expect(404, api.call("GET", "/api/notification-logs/987654", null));
    }

    @Test
    void retryPutsAFailedNotificationBackOnTheStream() throws SQLException {
        long id = log(rule, channel, "a", "failed");
        Map<String, Object> answer = api.expect(202, api.call("POST", "/api/notification-logs/" + id + "/retry", null));
        assertEquals("pending", answer.get("status"));

        Map<String, Object> after = api.expect(200, api.call("GET", "/api/notification-logs/" + id, null));
        assertEquals("pending", after.get("status"));
        assertEquals(0, ((Number) after.get("attempts")).intValue());
        assertNotNull(after.get("nextAttemptAt"));
        assertEquals("HTTP 503", after.get("lastError"), "the reason it failed stays visible");
        assertEquals(List.of(Long.toString(id)), streamedIds());

        api.expect(409, api.call("POST", "/api/notification-logs/" + id + "/retry", null));
        api.expect(404, api.call("POST", "/api/notification-logs/987654/retry", null));
        assertEquals(1, streamedIds().size(), "refused retries enqueue nothing");
    }

    @Test
    void sentNotificationIsNotRetried() throws SQLException {
        long id = log(rule, channel, "a", "sent");
        api.expect(409, api.call("POST", "/api/notification-logs/" + id + "/retry", null));
        assertEquals(
                "sent",
                api.expect(200, api.call("GET", "/api/notification-logs/" + id, null))
                        .get("status"));
    }

    @Test
    void ruleWithNotificationsStaysForAudit() throws SQLException {
        log(rule, channel, "a", "sent");
        api.expect(409, api.call("DELETE", "/api/notification-rules/" + rule, null));
        api.expect(409, api.call("DELETE", "/api/channels/" + channel, null));
        api.expect(200, api.call("GET", "/api/notification-rules/" + rule, null));
    }

    @Test
    void bulkRetryByIdsTakesOnlyFailedOnes() throws SQLException {
        long failed = log(rule, channel, "a", "failed");
        long sent = log(rule, channel, "b", "sent");
        Map<String, Object> result = api.expect(
                202, api.call("POST", "/api/notification-logs/retry", "{\"ids\":[" + failed + "," + sent + "]}"));
        assertEquals(Map.of("retried", 1), result);
        assertEquals(List.of(Long.toString(failed)), streamedIds());
    }

    @Test
    void bulkRetryByStatusAndRule() throws SQLException {
        long mine = log(rule, channel, "a", "failed");
        log(otherRule, otherChannel, "b@example.com", "failed");
        assertEquals(
                Map.of("retried", 1),
                api.expect(
                        202,
                        api.call(
                                "POST",
                                "/api/notification-logs/retry",
                                "{\"status\":\"failed\",\"ruleId\":" + rule + "}")));
        assertEquals(List.of(Long.toString(mine)), streamedIds());
        assertEquals(
                Map.of("retried", 1),
                api.expect(202, api.call("POST", "/api/notification-logs/retry", "{\"status\":\"failed\"}")));
        assertEquals(List.of(), ids("?status=failed"));

        api.assertInvalid("ids", api.call("POST", "/api/notification-logs/retry", "{}"));
        api.assertInvalid("ids", api.call("POST", "/api/notification-logs/retry", "{\"ids\":[]}"));
        api.assertInvalid("status", api.call("POST", "/api/notification-logs/retry", "{\"status\":\"sent\"}"));
    }

    @Test
    void fanoutsShowProgressByEventAndRule() throws SQLException {
        long group = api.create("/api/recipient-groups", "{\"name\":\"everyone\"}");
        long otherEvent = api.event(api.source("more"), "push", "{}");
        String columns =
                "INSERT INTO notification_fanouts (event_id, rule_id, group_id, channel_id, channel_type, body, total, created, status) "
                        + "SELECT %d, %d, %d, channel_id, 'email', 'b', 5000, %d, '%s' FROM notification_rules WHERE id = %d";
        api.sql(
                String.format(columns, event, rule, group, 2000, "running", rule),
                String.format(columns, otherEvent, rule, group, 5000, "done", rule));

        List<Map<String, Object>> forEvent =
                api.items(api.call("GET", "/api/notification-fanouts?eventId=" + event, null));
        assertEquals(1, forEvent.size());
        assertEquals(5000, ((Number) forEvent.get(0).get("total")).intValue());
        assertEquals(2000, ((Number) forEvent.get(0).get("created")).intValue());
        assertEquals("running", forEvent.get(0).get("status"));
        assertEquals(
                2,
                api.items(api.call("GET", "/api/notification-fanouts?ruleId=" + rule, null))
                        .size());
        assertNull(api.expect(200, api.call("GET", "/api/notification-fanouts?ruleId=" + otherRule, null))
                .get("nextBefore"));
    }
}
