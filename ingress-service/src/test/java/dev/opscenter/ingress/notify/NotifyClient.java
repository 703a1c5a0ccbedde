package dev.opscenter.ingress.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.ingress.IngressTestClient;
import dev.opscenter.ingress.IngressTestClient.Reply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** NotifyClient calls the notifications admin API over HTTP and seeds the rows it works on (events, alerts, logs) with SQL. */
public final class NotifyClient {
    private final IngressTestClient http;
    private final TestEnvironment env;

    public NotifyClient(IngressTestClient http, TestEnvironment env) {
        this.http = http;
        this.env = env;
    }

    public Reply call(String method, String path, String body) {
        return http.admin(method, path, body);
    }

    /** The reply's JSON object; fails the test on any other status than expected. */
    public Map<String, Object> expect(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        return reply.body().isEmpty() ? Map.of() : map(reply);
    }

    /** Creates a resource and returns its id. */
    public long create(String path, String body) {
        return id(expect(201, call("POST", path, body)));
    }

    /** Asserts a 422 problem naming the field first. */
    public void assertInvalid(String field, Reply reply) {
        assertEquals(field, http.invalidFields(reply).get(0), reply.body());
    }

    /** Asserts a 422 problem naming exactly these fields, in this order. */
    public void assertInvalidFields(List<String> fields, Reply reply) {
        assertEquals(fields, http.invalidFields(reply), reply.body());
    }

    public Map<String, Object> map(Reply reply) {
        return http.map(reply);
    }

    public List<Map<String, Object>> items(Reply reply) {
        return http.items(reply);
    }

    public static long id(Map<String, Object> object) {
        return ((Number) object.get("id")).longValue();
    }

    /** A GitHub webhook source (rules may name it). */
    public long source(String slug) {
        return create(
                "/api/sources",
                "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"kind\":\"github\",\"secret\":\"webhook-secret-"
                        + slug + "\"}");
    }

    /** An event source (the API for them lives elsewhere; the row is all rules need). */
    public long eventSource(String name) throws SQLException {
        return insert("INSERT INTO event_sources (name) VALUES (?) RETURNING id", name);
    }

    /** A stored webhook event with a JSON payload: its raw body, as the ingress stores one. */
    public long event(long sourceId, String type, String payloadJson) throws SQLException {
        return insert("""
                INSERT INTO webhook_events (source_id, event_type, delivery_id, raw_body, body_is_json, status)
                VALUES (?, ?, gen_random_uuid()::text, convert_to(?, 'UTF8'), true, 'processed') RETURNING id""", sourceId, type, payloadJson);
    }

    /** A stored triggered event with a JSON payload. */
    public long triggeredEvent(long eventSourceId, String type, String payloadJson) throws SQLException {
        return insert("""
                INSERT INTO webhook_events (event_source_id, event_type, delivery_id, raw_body, payload, status)
                VALUES (?, ?, gen_random_uuid()::text, convert_to(?, 'UTF8'), CAST(? AS jsonb), 'processed') RETURNING id""", eventSourceId, type, payloadJson, payloadJson);
    }

    /** The alert the worker would have raised for a webhook event. */
    public long alert(long eventId, long sourceId, String severity, String title) throws SQLException {
        return insert("""
                INSERT INTO alerts (event_id, source_id, event_type, title, message, severity)
                SELECT id, ?, event_type, ?, 'message of ' || ?, ? FROM webhook_events WHERE id = ? RETURNING id""", sourceId, title, title, severity, eventId);
    }

    /** Runs one statement with positional parameters and returns the first column of its first row. */
    public long insert(String sql, Object... parameters) throws SQLException {
        try (Connection c = env.connection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Runs statements without results. */
    public void sql(String... statements) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Every notification table and what they refer to, emptied between tests. */
    public void reset() throws SQLException {
        sql(
                "TRUNCATE delivery_attempts, deliveries, subscriptions, notification_fanouts, notification_throttles, notification_logs, notification_rules, recipient_group_members,"
                        + " recipient_groups, notification_templates, channels, alerts, webhook_events, rejected_webhooks, silences,"
                        + " event_sources, webhook_sources");
    }
}
