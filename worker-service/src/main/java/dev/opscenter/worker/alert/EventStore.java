package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.AlertRows;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.worker.parse.ParsedAlert;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** EventStore holds the SQL of processing: claiming an event, storing its alert once, and recording failures. */
@Singleton
class EventStore {
    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    EventStore(Database db, TransactionOperations<Connection> tx, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.json = json;
    }

    /**
     * Marks the event processing and counts the attempt. Empty if it is finished, unknown, or being processed by
     * another consumer that started less than {@code timeout} ago (a duplicate entry must not run it twice at once).
     * While processing, the sweeper leaves it alone for {@code timeout}.
     */
    Optional<Integer> claim(long eventId, Duration timeout) {
        return db.one("""
                UPDATE webhook_events
                   SET status = 'processing', attempts = attempts + 1, processing_started_at = now(),
                       next_sweep_at = now() + make_interval(secs => ?)
                 WHERE id = ?
                   AND (status = 'pending'
                        OR (status = 'processing' AND processing_started_at < now() - make_interval(secs => ?)))
                RETURNING attempts""", s -> {
            double seconds = timeout.toMillis() / 1000.0;
            s.setDouble(1, seconds);
            s.setLong(2, eventId);
            s.setDouble(3, seconds);
        }, r -> r.getInt(1));
    }

    Optional<StoredEvent> load(long eventId) {
        return db.one("""
                SELECT e.id, e.source_id, e.event_source_id, COALESCE(s.kind, ?) AS kind, COALESCE(s.slug, es.name) AS slug,
                       COALESCE(s.name, es.name) AS name, e.event_type, e.delivery_id, e.received_at,
                       e.payload::text AS payload, e.raw_body, e.headers::text AS headers,
                       COALESCE(es.raises_alert, false) AS raises_alert, es.alert_severity
                  FROM webhook_events e
                  LEFT JOIN webhook_sources s ON s.id = e.source_id
                  LEFT JOIN event_sources es ON es.id = e.event_source_id
                 WHERE e.id = ?""", s -> {
            s.setString(1, StoredEvent.TRIGGERED);
            s.setLong(2, eventId);
        }, r -> new StoredEvent(r.getLong("id"), Columns.nullableLong(r, "source_id"), Columns.nullableLong(r, "event_source_id"),
                r.getString("kind"), r.getString("slug"), r.getString("name"), r.getString("event_type"), r.getString("delivery_id"),
                Columns.instant(r, "received_at"), r.getString("payload"), r.getBytes("raw_body"), r.getString("headers"),
                r.getBoolean("raises_alert"), r.getString("alert_severity")));
    }

    /** A newly stored alert. */
    record NewAlert(long id, Instant createdAt) {
    }

    /**
     * Finishes the event in one transaction: stores its alert unless it has one (when it raises one at all), marks it
     * processed, and lets {@code within} add work that must commit with them (notification rows). Empty alert when
     * the event raises none or an earlier delivery already stored it.
     */
    <T> Completion<T> complete(StoredEvent event, ParsedAlert alert, java.util.function.Function<Optional<NewAlert>, T> within) {
        return tx.executeWrite(status -> {
            Optional<NewAlert> created = alert == null ? Optional.empty() : db.one("""
                    INSERT INTO alerts (event_id, source_id, event_source_id, event_type, title, message, severity, metadata)
                    VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                    ON CONFLICT (event_id) DO NOTHING
                    RETURNING id, created_at""", s -> {
                s.setLong(1, event.id());
                Columns.setLong(s, 2, event.sourceId());
                Columns.setLong(s, 3, event.eventSourceId());
                s.setString(4, event.eventType());
                s.setString(5, alert.title());
                s.setString(6, alert.message());
                s.setString(7, alert.severity().wire());
                s.setString(8, Json.write(json, alert.metadata()));
            }, r -> new NewAlert(r.getLong("id"), Columns.instant(r, "created_at")));
            Optional<Instant> finished = db.one("""
                    UPDATE webhook_events
                       SET status = 'processed', processed_at = COALESCE(processed_at, now()), error = NULL, next_sweep_at = NULL
                     WHERE id = ? AND status = 'processing'
                    RETURNING processed_at""", s -> s.setLong(1, event.id()), r -> Columns.instant(r, "processed_at"));
            // only the delivery that finished the event plans its follow-up work, so a duplicate adds nothing
            T extra = finished.isPresent() ? within.apply(created) : null;
            return new Completion<>(created, extra, finished);
        });
    }

    /** What completing an event produced; {@code processedAt} is empty when another delivery had finished it. */
    record Completion<T>(Optional<NewAlert> alert, T extra, Optional<Instant> processedAt) {
    }

    /** Records that the alert reached the live channel and feed. */
    void markPublished(long alertId) {
        db.update("UPDATE alerts SET published_at = now() WHERE id = ? AND published_at IS NULL", s -> s.setLong(1, alertId));
    }

    /** Alerts stored at least {@code age} ago and never published (their worker died in between), oldest first. */
    java.util.List<AlertMessage> unpublished(Duration age, int limit) {
        return db.list(AlertRows.SELECT + """
                 WHERE a.published_at IS NULL AND a.created_at <= now() - make_interval(secs => ?)
                 ORDER BY a.created_at
                 LIMIT ?""", s -> {
            s.setDouble(1, age.toMillis() / 1000.0);
            s.setInt(2, limit);
        }, r -> AlertRows.map(r, json));
    }

    long existingAlertId(long eventId) {
        return db.one("SELECT id FROM alerts WHERE event_id = ?", s -> s.setLong(1, eventId), r -> r.getLong(1)).orElseThrow();
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
}
