package dev.opscenter.ingress.event;

import dev.opscenter.common.event.EventPayload;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.EventStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** EventRepository answers the admin API's questions about stored events. */
@Singleton
final class EventRepository {
    /**
     * The tail of a requeue, after a {@code chosen} CTE of event ids: back to pending with a fresh sweep age, and the
     * stream entry recorded for them forgotten (the requeue appends a new one).
     */
    private static final String PENDING_AGAIN = """
             forgotten AS (DELETE FROM webhook_event_entries WHERE event_id IN (SELECT id FROM chosen))
            UPDATE webhook_events
               SET status = 'pending', attempts = 0, error = NULL, sweeps = 0,
                   next_sweep_at = now() + make_interval(secs => :sweep_age)
             WHERE id IN (SELECT id FROM chosen)""";

    // an event comes from a webhook source or an event source (triggered); "source" is the slug or the name
    private static final String SUMMARY = """
            e.id, e.source_id, e.event_source_id, COALESCE(s.slug, es.name) AS source, e.event_type, e.delivery_id,
            e.status, e.attempts, e.error, e.received_at,
            e.processed_at, (EXTRACT(EPOCH FROM (e.processed_at - e.received_at)) * 1000)::bigint AS processing_ms""";
    private static final String ORIGINS = """
             LEFT JOIN webhook_sources s ON s.id = e.source_id
             LEFT JOIN event_sources es ON es.id = e.event_source_id
            """;

    private final Database db;
    private final JsonMapper json;
    private final TransactionOperations<Connection> tx;

    EventRepository(Database db, JsonMapper json, TransactionOperations<Connection> tx) {
        this.db = db;
        this.json = json;
        this.tx = tx;
    }

    /** Newest first, keyset-paged by id. */
    List<EventSummary> list(EventFilter filter, @Nullable Long before, int limit) {
        return db.list(
                "SELECT " + SUMMARY + " FROM webhook_events e" + ORIGINS + """
                WHERE (CAST(:source AS text) IS NULL OR COALESCE(s.slug, es.name) = :source)
                  AND (CAST(:status AS text) IS NULL OR e.status = :status)
                  AND (CAST(:type AS text) IS NULL OR e.event_type = :type)
                  AND (CAST(:from AS timestamptz) IS NULL OR e.received_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR e.received_at < :to)
                  AND (CAST(:before AS bigint) IS NULL OR e.id < :before)
                ORDER BY e.id DESC
                LIMIT :limit""",
                Params.of("source", filter.source())
                        .and("status", filter.status())
                        .and("type", filter.type())
                        .and("from", filter.from())
                        .and("to", filter.to())
                        .and("before", before)
                        .and("limit", limit),
                EventSummary.class);
    }

    Optional<EventDetail> find(long id) {
        return db.one("""
                SELECT e.id, e.source_id, e.event_source_id, COALESCE(s.slug, es.name) AS slug, e.event_type, e.delivery_id,
                       e.status, e.attempts, e.error, e.received_at, e.processing_started_at, e.processed_at,
                       (EXTRACT(EPOCH FROM (e.processed_at - e.received_at)) * 1000)::bigint AS processing_ms,
                       e.headers::text AS headers, e.signature, e.client_ip, e.content_type, a.id AS alert_id,
                       """ + EventPayload.COLUMNS_WITH_RAW_BODY + """
                  FROM webhook_events e""" + ORIGINS + """
                  LEFT JOIN alerts a ON a.event_id = e.id
                 WHERE e.id = :id""", Params.of("id", id), r -> {
            EventPayload payload = EventPayload.read(r);
            return new EventDetail(
                    r.getLong("id"),
                    Columns.nullableLong(r, "source_id"),
                    Columns.nullableLong(r, "event_source_id"),
                    r.getString("slug"),
                    r.getString("event_type"),
                    r.getString("delivery_id"),
                    EventStatus.parse(r.getString("status")),
                    r.getInt("attempts"),
                    r.getString("error"),
                    Columns.instant(r, "received_at"),
                    Columns.instant(r, "processing_started_at"),
                    Columns.instant(r, "processed_at"),
                    Columns.nullableLong(r, "processing_ms"),
                    Json.read(json, payload.text()),
                    payload.text() == null ? new String(payload.rawBody(), StandardCharsets.UTF_8) : null,
                    Json.readMap(json, r.getString("headers")),
                    r.getString("signature"),
                    r.getString("client_ip"),
                    r.getString("content_type"),
                    Columns.nullableLong(r, "alert_id"));
        });
    }

    /** Puts a failed or unfinished event back to pending; empty if it does not exist, else its status before. */
    Optional<EventStatus> requeue(long id, Duration sweepAge) {
        return tx.executeWrite(status -> requeueLocked(id, sweepAge));
    }

    private Optional<EventStatus> requeueLocked(long id, Duration sweepAge) {
        Optional<EventStatus> status = db.one(
                "SELECT status FROM webhook_events WHERE id = :id FOR UPDATE", Params.of("id", id), EventStatus.class);
        if (status.isEmpty() || status.get() == EventStatus.PROCESSED) {
            return status;
        }
        db.update(
                "WITH chosen AS (SELECT CAST(:id AS bigint) AS id)," + PENDING_AGAIN,
                Params.of("sweep_age", sweepAge.toMillis() / 1000.0).and("id", id));
        return status;
    }

    /**
     * Puts back to pending up to {@code limit} failed events, oldest first, of one source (by slug or event source name)
     * or of all; returns their ids. One statement: events another replay or the worker holds are skipped, not waited
     * for.
     */
    List<Long> requeueFailed(@Nullable String source, int limit, Duration sweepAge) {
        return db.list(
                """
                WITH chosen AS (
                    SELECT e.id FROM webhook_events e
                      LEFT JOIN webhook_sources s ON s.id = e.source_id
                      LEFT JOIN event_sources es ON es.id = e.event_source_id
                     WHERE e.status = 'failed'
                       AND (CAST(:source AS text) IS NULL OR s.slug = :source OR es.name = :source)
                     ORDER BY e.id
                     LIMIT :limit
                       FOR UPDATE OF e SKIP LOCKED),""" + PENDING_AGAIN + " RETURNING id",
                Params.of("source", source).and("limit", limit).and("sweep_age", sweepAge.toMillis() / 1000.0),
                Long.class);
    }
}
