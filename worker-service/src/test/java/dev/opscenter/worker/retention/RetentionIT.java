package dev.opscenter.worker.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.sql.Params;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.EventStatus;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.StoredRows;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention against real PostgreSQL: old finished events go with everything hanging off them; nothing else does.
 * Audit log rows go after their own period.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    final StoredRows rows = new StoredRows(ENV);

    @Inject
    Retention retention;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put("opscenter.retention.period", "1d");
        p.put("opscenter.retention.initial-delay", "1h"); // runs by hand below
        p.put("opscenter.retention.batch-size", "2");
        p.put("opscenter.retention.audit-period", "30d");
        return p;
    }

    @AfterAll
    void drop() {
        ENV.close();
    }

    private long event(long source, EventStatus status, Duration age) throws SQLException {
        return rows.webhook(source, "push").status(status).receivedAgo(age).store();
    }

    private List<Long> remaining() throws SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (Connection c = ENV.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM webhook_events ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void deletesOldFinishedEventsWithTheirAlertsAndNotificationsOnly() throws SQLException {
        long source = rows.source("G", "g", SourceKind.GITHUB);
        long channel =
                rows.queryLong("INSERT INTO channels (name, type, config) VALUES ('c', 'webhook', '{}') RETURNING id");
        long rule = rows.queryLong(
                "INSERT INTO notification_rules (name, channel_id) VALUES ('r', :channel) RETURNING id",
                Params.of("channel", channel));
        long oldProcessed = event(source, EventStatus.PROCESSED, Duration.ofDays(3));
        long oldFailed = event(source, EventStatus.FAILED, Duration.ofDays(3));
        long oldProcessed2 = event(source, EventStatus.PROCESSED, Duration.ofDays(2));
        long oldPending = event(source, EventStatus.PENDING, Duration.ofDays(3));
        long recent = event(source, EventStatus.PROCESSED, Duration.ofHours(1));
        for (long e : List.of(oldProcessed, recent)) {
            long alert = rows.queryLong("""
                    INSERT INTO alerts (event_id, source_id, title, message, severity)
                    VALUES (:event, :source, 't', 'm', 'error') RETURNING id""", Params.of("event", e).and("source", source));
            rows.execute(
                    """
                    INSERT INTO notification_logs (event_id, alert_id, rule_id, channel_id, channel_type, recipient, body)
                    VALUES (:event, :alert, :rule, :channel, 'webhook', 'x', 'b')""",
                    Params.of("event", e).and("alert", alert).and("rule", rule).and("channel", channel));
        }

        for (long e : List.of(oldProcessed, oldFailed, oldPending, recent)) {
            rows.execute(
                    "INSERT INTO webhook_event_entries (event_id, stream_entry_id) VALUES (:event, '1-' || :event)",
                    Params.of("event", e));
        }

        retention.run(); // batches of two until done

        List<Long> remaining = remaining();
        assertTrue(
                java.util.Collections.disjoint(remaining, List.of(oldProcessed, oldFailed, oldProcessed2)),
                "the three old finished events went, in batches of two: " + remaining);
        assertEquals(List.of(oldPending, recent), remaining, "unfinished and recent events stay");
        assertEquals(1, rows.count("SELECT count(*) FROM alerts"));
        assertEquals(1, rows.count("SELECT count(*) FROM notification_logs"));
        assertEquals(recent, rows.queryLong("SELECT event_id FROM alerts"));
        assertEquals(
                2,
                rows.count("SELECT count(*) FROM webhook_event_entries WHERE event_id IN (" + oldPending + ", " + recent
                        + ")"),
                "the remaining events keep their entry ids");
        assertEquals(2, rows.count("SELECT count(*) FROM webhook_event_entries"), "the deleted events' went with them");
        assertEquals(0, retention.deleteBatch(), "nothing left to delete");
    }

    @Test
    void deletesRejectedWebhooksOlderThanThePeriodOnly() throws SQLException {
        long source = rows.source("R", "r", SourceKind.GITHUB);
        for (Duration age : List.of(Duration.ofDays(3), Duration.ofHours(2))) {
            rows.execute("""
                    INSERT INTO rejected_webhooks (source_id, received_at, reason, detail, scheme, header_name,
                                                   body_bytes, body_sha256)
                    VALUES (:source, now() - make_interval(secs => :age), 'signature_mismatch', 'd', 'github',
                            'X-Hub-Signature-256', 2, sha256('{}'::bytea))""", Params.of("source", source).and("age", (double) age.toSeconds()));
        }

        retention.run();

        assertEquals(1, rows.count("SELECT count(*) FROM rejected_webhooks WHERE source_id = " + source));
        assertEquals(
                1,
                rows.count("SELECT count(*) FROM rejected_webhooks WHERE source_id = " + source
                        + " AND received_at > now() - interval '1 day'"),
                "the recent one stays");
    }

    @Test
    void deletesAuditRowsOlderThanTheAuditPeriodOnly() throws SQLException {
        for (int days : List.of(400, 40, 31, 29, 1)) {
            rows.execute("""
                    INSERT INTO audit_log (at, actor, action, resource_type, resource_id)
                    VALUES (now() - make_interval(days => :days), 'admin token', 'updated', 'source', :id)""", Params.of("days", days).and("id", "aged-" + days));
        }

        retention.run(); // batches of two until done

        assertEquals(2, rows.count("SELECT count(*) FROM audit_log WHERE resource_id LIKE 'aged-%'"));
        assertEquals(
                2, rows.count("SELECT count(*) FROM audit_log WHERE resource_id IN ('aged-29', 'aged-1')"), "recent");
        assertEquals(0, retention.deleteAudit(), "nothing left to delete");
    }
}
