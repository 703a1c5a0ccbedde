package dev.opscenter.ingress.event;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.sql.Database;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * EventRecorder stores a verified webhook as a pending event, once per (source, delivery id). When it returns the
 * row is committed: that is what a 2xx to the provider promises.
 */
@Singleton
final class EventRecorder {
    private final Database db;
    private final Duration sweepAge;

    EventRecorder(Database db, @Value("${opscenter.sweeper.pending-age:30s}") Duration sweepAge) {
        this.db = db;
        this.sweepAge = sweepAge;
    }

    Recorded record(IncomingWebhook w) {
        Optional<Long> inserted;
        try {
            inserted = db.one("""
                    INSERT INTO webhook_events (source_id, event_type, delivery_id, raw_body, payload, content_type, headers,
                                                signature, client_ip, next_sweep_at)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, now() + make_interval(secs => ?))
                    ON CONFLICT (source_id, delivery_id) DO NOTHING
                    RETURNING id""",
                    s -> {
                        s.setLong(1, w.sourceId());
                        s.setString(2, w.eventType());
                        s.setString(3, w.deliveryId());
                        s.setBytes(4, w.rawBody());
                        s.setString(5, w.payloadJson());
                        s.setString(6, w.contentType());
                        s.setString(7, w.headersJson());
                        s.setString(8, w.signature());
                        s.setString(9, w.clientIp());
                        s.setDouble(10, sweepAge.toMillis() / 1000.0);
                    }, r -> r.getLong(1));
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // PostgreSQL's own JSON parser refused the body (trailing data, \u0000, …): the client's fault, nothing stored
                throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid JSON", "the body is JSON the database cannot store (e.g. a \\u0000 escape)");
            }
            throw e;
        }
        if (inserted.isPresent()) {
            return new Recorded.Accepted(inserted.get());
        }
        long first = db.one("SELECT id FROM webhook_events WHERE source_id = ? AND delivery_id = ?",
                s -> {
                    s.setLong(1, w.sourceId());
                    s.setString(2, w.deliveryId());
                }, r -> r.getLong(1))
                .orElseThrow(() -> new IllegalStateException("conflicting delivery vanished: " + w.deliveryId()));
        return new Recorded.Duplicate(first);
    }
}
