package dev.opscenter.ingress.trigger;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.sql.Database;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * TriggerRecorder stores a triggered event in webhook_events as a pending event, once per (event source, event_id),
 * beside webhooks so the worker, the sweeper and the admin API treat both alike. When it returns the row is committed.
 */
@Singleton
final class TriggerRecorder {
    private final Database db;
    private final Duration sweepAge;

    TriggerRecorder(Database db, @Value("${opscenter.sweeper.pending-age:30s}") Duration sweepAge) {
        this.db = db;
        this.sweepAge = sweepAge;
    }

    /** One event to store; the body exactly as received, the payload as JSON text. */
    record Event(long eventSourceId, long apiKeyId, String name, String eventId, byte[] rawBody, String payloadJson,
                 @Nullable String contentType, String headersJson, @Nullable String clientIp) {
    }

    Triggered record(Event e) {
        Optional<Long> inserted;
        try {
            inserted = db.one("""
                    INSERT INTO webhook_events (event_source_id, api_key_id, event_type, delivery_id, raw_body, payload,
                                                content_type, headers, client_ip, next_sweep_at)
                    VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, now() + make_interval(secs => ?))
                    ON CONFLICT (event_source_id, delivery_id) DO NOTHING
                    RETURNING id""", s -> {
                s.setLong(1, e.eventSourceId());
                s.setLong(2, e.apiKeyId());
                s.setString(3, e.name());
                s.setString(4, e.eventId());
                s.setBytes(5, e.rawBody());
                s.setString(6, e.payloadJson());
                s.setString(7, e.contentType());
                s.setString(8, e.headersJson());
                s.setString(9, e.clientIp());
                s.setDouble(10, sweepAge.toMillis() / 1000.0);
            }, r -> r.getLong(1));
        } catch (DataAccessException ex) {
            if (ex.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // PostgreSQL refused the JSON (e.g. \u0000 in a string): the caller's fault, nothing stored
                throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid JSON", "the payload is JSON the database cannot store (e.g. a \\u0000 escape)");
            }
            throw ex;
        }
        if (inserted.isPresent()) {
            return new Triggered.Accepted(inserted.get());
        }
        long first = db.one("SELECT id FROM webhook_events WHERE event_source_id = ? AND delivery_id = ?", s -> {
            s.setLong(1, e.eventSourceId());
            s.setString(2, e.eventId());
        }, r -> r.getLong(1)).orElseThrow(() -> new IllegalStateException("conflicting event vanished: " + e.eventId()));
        return new Triggered.Duplicate(first);
    }
}
