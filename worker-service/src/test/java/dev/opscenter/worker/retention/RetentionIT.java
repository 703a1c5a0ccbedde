package dev.opscenter.worker.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.TestEnvironment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retention against real PostgreSQL: old finished events go with everything hanging off them; nothing else does. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();

    @Inject
    Retention retention;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put("opscenter.retention.period", "1d");
        p.put("opscenter.retention.initial-delay", "1h"); // runs by hand below
        p.put("opscenter.retention.batch-size", "2");
        return p;
    }

    @AfterAll
    void drop() {
        ENV.close();
    }

    private long id(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private long event(Statement s, long source, String status, String age) throws SQLException {
        return id(
                s,
                "INSERT INTO webhook_events (source_id, event_type, raw_body, status, received_at) VALUES (" + source
                        + ", 'push', '\\x7b7d', '" + status + "', now() - interval '" + age + "') RETURNING id");
    }

    private List<Long> remaining(Statement s) throws SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT id FROM webhook_events ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void deletesOldFinishedEventsWithTheirAlertsAndNotificationsOnly() throws SQLException {
        try (Connection c = ENV.connection();
                Statement s = c.createStatement()) {
            long source = id(
                    s,
                    "INSERT INTO webhook_sources (name, slug, kind, secret_encrypted) VALUES ('G', 'g', 'github', '\\x00') RETURNING id");
            long channel =
                    id(s, "INSERT INTO channels (name, type, config) VALUES ('c', 'webhook', '{}') RETURNING id");
            long rule = id(
                    s, "INSERT INTO notification_rules (name, channel_id) VALUES ('r', " + channel + ") RETURNING id");
            long oldProcessed = event(s, source, "processed", "3 days");
            long oldFailed = event(s, source, "failed", "3 days");
            long oldProcessed2 = event(s, source, "processed", "2 days");
            long oldPending = event(s, source, "pending", "3 days");
            long recent = event(s, source, "processed", "1 hour");
            for (long e : List.of(oldProcessed, recent)) {
                long alert = id(
                        s,
                        "INSERT INTO alerts (event_id, source_id, title, message, severity) VALUES (" + e + ", "
                                + source + ", 't', 'm', 'error') RETURNING id");
                s.execute(
                        "INSERT INTO notification_logs (event_id, alert_id, rule_id, channel_id, channel_type, recipient, body) VALUES ("
                                + e + ", " + alert + ", " + rule + ", " + channel + ", 'webhook', 'x', 'b')");
            }

            retention.run(); // batches of two until done

            // oldProcessed, oldFailed and oldProcessed2 went (three events in batches of two); these stay
            assertEquals(List.of(oldPending, recent), remaining(s), "unfinished and recent events stay");
            assertEquals(1, id(s, "SELECT count(*) FROM alerts"));
            assertEquals(1, id(s, "SELECT count(*) FROM notification_logs"));
            assertEquals(recent, id(s, "SELECT event_id FROM alerts"));
            assertEquals(0, retention.deleteBatch(), "nothing left to delete");
        }
    }
}
