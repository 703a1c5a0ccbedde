package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.AlertRows;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * EventStore holds the SQL of processing: claiming a batch of events, loading them, storing their alerts once,
 * marking them processed, and recording failures. Each batch step is one statement over an array of ids.
 */
@Singleton
class EventStore {
    /** Attempts of a statement or transaction that lost a deadlock or serialization race to another one. */
    private static final int RACE_ATTEMPTS = 3;

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    EventStore(Database db, TransactionOperations<Connection> tx, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.json = json;
    }

    /**
     * What a claim took: the attempt number of each event claimed, and the events it left alone because their last
     * attempt never reported back (processing past the timeout: its worker may have died on them).
     */
    record Claim(Map<Long, Integer> attempts, List<Long> abandoned) {}

    /**
     * Marks the events processing and counts the attempt. An event is left out if it is finished, unknown, or being
     * processed by another consumer that started less than {@code timeout} ago (a duplicate entry must not run it
     * twice at once). One processing for longer than that was abandoned; it is claimed only if {@code takeAbandoned},
     * else listed, so that an event that kills its worker is retried alone and its attempts are not charged to the
     * rest of a batch. While processing, the sweeper leaves an event alone for {@code timeout}. Rows are locked in id
     * order, so consumers claiming overlapping batches do not deadlock.
     */
    Claim claim(Collection<Long> eventIds, Duration timeout, boolean takeAbandoned) {
        List<Map.Entry<Long, Integer>> rows = retryingRaces(() -> db.list(
                """
                WITH candidates AS (
                    SELECT id, status = 'processing' AS abandoned FROM webhook_events
                     WHERE id = ANY (?)
                       AND (status = 'pending'
                            OR (status = 'processing' AND processing_started_at < now() - make_interval(secs => ?)))
                     ORDER BY id
                       FOR UPDATE),
                claimed AS (
                    UPDATE webhook_events e
                       SET status = 'processing', attempts = e.attempts + 1, processing_started_at = now(),
                           next_sweep_at = now() + make_interval(secs => ?)
                      FROM candidates c
                     WHERE e.id = c.id AND (? OR NOT c.abandoned)
                    RETURNING e.id, e.attempts)
                SELECT id, attempts FROM claimed
                 UNION ALL
                SELECT id, 0 FROM candidates WHERE abandoned AND NOT ?""",
                s -> {
                    double seconds = timeout.toMillis() / 1000.0;
                    s.setArray(1, ids(s, eventIds));
                    s.setDouble(2, seconds);
                    s.setDouble(3, seconds);
                    s.setBoolean(4, takeAbandoned);
                    s.setBoolean(5, takeAbandoned);
                },
                r -> Map.entry(r.getLong(1), r.getInt(2))));
        return new Claim(
                byKey(rows.stream().filter(r -> r.getValue() > 0).toList()),
                rows.stream()
                        .filter(r -> r.getValue() == 0)
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList());
    }

    /**
     * The events with these ids, by id. A webhook's JSON payload is its raw body as received (ingress stored the
     * jsonb column from exactly that text), so only a triggered event's payload — the "payload" field of the request
     * that triggered it — is turned back into text by PostgreSQL.
     */
    Map<Long, StoredEvent> load(Collection<Long> eventIds) {
        return byKey(db.list(
                """
                SELECT e.id, e.source_id, e.event_source_id, COALESCE(s.kind, ?) AS kind, COALESCE(s.slug, es.name) AS slug,
                       COALESCE(s.name, es.name) AS name, e.event_type, e.delivery_id, e.received_at,
                       CASE WHEN e.source_id IS NULL THEN e.payload::text END AS triggered_payload,
                       e.payload IS NOT NULL AS json, e.raw_body, e.headers::text AS headers,
                       COALESCE(es.raises_alert, false) AS raises_alert, es.alert_severity
                  FROM webhook_events e
                  LEFT JOIN webhook_sources s ON s.id = e.source_id
                  LEFT JOIN event_sources es ON es.id = e.event_source_id
                 WHERE e.id = ANY (?)""",
                s -> {
                    s.setString(1, StoredEvent.TRIGGERED.wire());
                    s.setArray(2, ids(s, eventIds));
                },
                r -> {
                    byte[] raw = r.getBytes("raw_body");
                    String triggered = r.getString("triggered_payload");
                    String payload = triggered != null || !r.getBoolean("json")
                            ? triggered
                            : new String(raw, StandardCharsets.UTF_8);
                    return Map.entry(
                            r.getLong("id"),
                            new StoredEvent(
                                    r.getLong("id"),
                                    Columns.nullableLong(r, "source_id"),
                                    Columns.nullableLong(r, "event_source_id"),
                                    SourceKind.parse(r.getString("kind")),
                                    r.getString("slug"),
                                    r.getString("name"),
                                    r.getString("event_type"),
                                    r.getString("delivery_id"),
                                    Columns.instant(r, "received_at"),
                                    payload,
                                    raw,
                                    r.getString("headers"),
                                    r.getBoolean("raises_alert"),
                                    r.getString("alert_severity")));
                }));
    }

    /** A newly stored alert. */
    record NewAlert(long id, Instant createdAt) {}

    /**
     * Runs {@code work} in one transaction, again if it lost a deadlock or serialization race (its effects were rolled
     * back with it).
     */
    <T> T inTransaction(Supplier<T> work) {
        return retryingRaces(() -> tx.executeWrite(status -> work.get()));
    }

    /**
     * Stores the drafts' alerts in one statement, unless their events have one already; returns the alerts stored now
     * by event id. Call it inside {@link #inTransaction}, with {@link #markProcessed}.
     */
    Map<Long, NewAlert> insertAlerts(List<Draft> drafts) {
        List<Draft> alerting = drafts.stream().filter(d -> d.alert() != null).toList();
        if (alerting.isEmpty()) {
            return Map.of();
        }
        int n = alerting.size();
        Object[] eventIds = new Object[n];
        Object[] sourceIds = new Object[n];
        Object[] eventSourceIds = new Object[n];
        Object[] types = new Object[n];
        Object[] titles = new Object[n];
        Object[] messages = new Object[n];
        Object[] severities = new Object[n];
        Object[] metadata = new Object[n];
        for (int i = 0; i < n; i++) {
            Draft d = alerting.get(i);
            eventIds[i] = d.event().id();
            sourceIds[i] = d.event().sourceId();
            eventSourceIds[i] = d.event().eventSourceId();
            types[i] = d.event().eventType();
            titles[i] = d.alert().title();
            messages[i] = d.alert().message();
            severities[i] = d.alert().severity().wire();
            metadata[i] = Json.write(json, d.alert().metadata());
        }
        return byKey(db.list(
                """
                INSERT INTO alerts (event_id, source_id, event_source_id, event_type, title, message, severity, metadata)
                SELECT event_id, source_id, event_source_id, event_type, title, message, severity, CAST(metadata AS jsonb)
                  FROM unnest(?, ?, ?, ?, ?, ?, ?, ?)
                       AS a(event_id, source_id, event_source_id, event_type, title, message, severity, metadata)
                 ORDER BY event_id
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id, id, created_at""",
                s -> {
                    Connection c = s.getConnection();
                    s.setArray(1, c.createArrayOf("bigint", eventIds));
                    s.setArray(2, c.createArrayOf("bigint", sourceIds));
                    s.setArray(3, c.createArrayOf("bigint", eventSourceIds));
                    s.setArray(4, c.createArrayOf("text", types));
                    s.setArray(5, c.createArrayOf("text", titles));
                    s.setArray(6, c.createArrayOf("text", messages));
                    s.setArray(7, c.createArrayOf("text", severities));
                    s.setArray(8, c.createArrayOf("text", metadata));
                },
                r -> Map.entry(
                        r.getLong("event_id"), new NewAlert(r.getLong("id"), Columns.instant(r, "created_at")))));
    }

    /**
     * Marks processed those of the events still processing, in one statement; returns when, by event id, for the
     * events this call finished (another delivery may have finished the rest).
     */
    Map<Long, Instant> markProcessed(Collection<Long> eventIds) {
        return byKey(db.list(
                """
                UPDATE webhook_events
                   SET status = 'processed', processed_at = COALESCE(processed_at, now()), error = NULL, next_sweep_at = NULL
                 WHERE id = ANY (?) AND status = 'processing'
                RETURNING id, processed_at""",
                s -> s.setArray(1, ids(s, eventIds)),
                r -> Map.entry(r.getLong("id"), Columns.instant(r, "processed_at"))));
    }

    /** Records that the alerts reached the live channel and feed. */
    void markPublished(Collection<Long> alertIds) {
        db.update(
                "UPDATE alerts SET published_at = now() WHERE id = ANY (?) AND published_at IS NULL",
                s -> s.setArray(1, ids(s, alertIds)));
    }

    /** Alerts stored at least {@code age} ago and never published (their worker died in between), oldest first. */
    List<AlertMessage> unpublished(Duration age, int limit) {
        return db.list(
                AlertRows.SELECT + """
                 WHERE a.published_at IS NULL AND a.created_at <= now() - make_interval(secs => ?)
                 ORDER BY a.created_at, a.id
                 LIMIT ?""",
                s -> {
                    s.setDouble(1, age.toMillis() / 1000.0);
                    s.setInt(2, limit);
                },
                r -> AlertRows.map(r, json));
    }

    /** The alert ids of those of the events that have one, by event id. */
    Map<Long, Long> existingAlertIds(Collection<Long> eventIds) {
        return byKey(db.list(
                "SELECT event_id, id FROM alerts WHERE event_id = ANY (?)",
                s -> s.setArray(1, ids(s, eventIds)),
                r -> Map.entry(r.getLong(1), r.getLong(2))));
    }

    /** Back to pending with the error; the retry queue brings it back at {@code due}, the sweeper after {@code due + grace}. */
    void retryLater(long eventId, String error, Instant due, Duration grace) {
        db.update("""
                UPDATE webhook_events
                   SET status = 'pending', error = ?, next_sweep_at = CAST(? AS timestamptz) + make_interval(secs => ?)
                 WHERE id = ? AND status = 'processing'""", s -> {
            s.setString(1, error);
            s.setTimestamp(2, java.sql.Timestamp.from(due));
            s.setDouble(3, grace.toMillis() / 1000.0);
            s.setLong(4, eventId);
        });
    }

    /** Parks the event as failed; only a replay brings it back. */
    void fail(long eventId, String error) {
        db.update("""
                UPDATE webhook_events
                   SET status = 'failed', error = ?, processed_at = NULL, next_sweep_at = NULL
                 WHERE id = ? AND status = 'processing'""", s -> {
            s.setString(1, error);
            s.setLong(2, eventId);
        });
    }

    private static java.sql.Array ids(PreparedStatement s, Collection<Long> ids) throws SQLException {
        return s.getConnection().createArrayOf("bigint", ids.toArray());
    }

    private static <V> Map<Long, V> byKey(List<Map.Entry<Long, V>> rows) {
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static <T> T retryingRaces(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= RACE_ATTEMPTS || !Blame.lostRace(e)) {
                    throw e;
                }
            }
        }
    }
}
