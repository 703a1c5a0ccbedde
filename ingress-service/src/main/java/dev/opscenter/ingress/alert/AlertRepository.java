package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.AlertRows;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** AlertRepository reads alerts with their source, marks them read, and moves them through triage. */
@Singleton
final class AlertRepository {
    private final Database db;
    private final JsonMapper json;

    AlertRepository(Database db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * One page newest first. The text search is a case-insensitive substring match (ILIKE) with no index of its own:
     * the scan walks the primary key backwards and stops at a page of matches (see docs/api.md).
     */
    List<AlertMessage> list(AlertFilter filter, @Nullable Long before, int limit) {
        return db.list(
                AlertRows.SELECT + """
                WHERE (CAST(:severities AS text[]) IS NULL OR a.severity = ANY (:severities))
                  AND (CAST(:source AS text) IS NULL OR COALESCE(s.slug, es.name) = :source)
                  AND (CAST(:type AS text) IS NULL OR a.event_type = :type)
                  AND (CAST(:state AS text) IS NULL OR a.state = :state)
                  AND (CAST(:read AS boolean) IS NULL OR a.is_read = :read)
                  AND (CAST(:from AS timestamptz) IS NULL OR a.created_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR a.created_at < :to)
                  AND (CAST(:text AS text) IS NULL
                       OR a.title ILIKE :text ESCAPE '\\' OR a.message ILIKE :text ESCAPE '\\')
                  AND (CAST(:before AS bigint) IS NULL OR a.id < :before)
                ORDER BY a.id DESC
                LIMIT :limit""",
                Params.of("severities", filter.severities().isEmpty() ? null : Params.texts(filter.severities()))
                        .and("source", filter.source())
                        .and("type", filter.type())
                        .and("state", filter.state())
                        .and("read", filter.read())
                        .and("from", filter.from())
                        .and("to", filter.to())
                        .and("text", filter.textPattern())
                        .and("before", before)
                        .and("limit", limit),
                r -> AlertRows.map(r, json));
    }

    Optional<AlertMessage> find(long id) {
        return db.one(AlertRows.SELECT + " WHERE a.id = :id", Params.of("id", id), r -> AlertRows.map(r, json));
    }

    /** The alert, its row locked until the transaction ends, so a triage move and its audit record see one order. */
    Optional<AlertMessage> findForUpdate(long id) {
        return db.one(
                AlertRows.SELECT + " WHERE a.id = :id FOR UPDATE OF a",
                Params.of("id", id),
                r -> AlertRows.map(r, json));
    }

    int markRead(List<Long> ids) {
        return db.update(
                "UPDATE alerts SET is_read = true, read_at = now() WHERE id = ANY (:ids) AND NOT is_read",
                Params.of("ids", Params.bigints(ids)));
    }

    /**
     * Applies the move if the alert's state allows it, in one statement; returns whether it changed anything. The
     * caller reads the alert afterwards either way (a move already made is not an error).
     */
    boolean move(long id, Triage move, String actor, Instant at) {
        return db.update(move.sql(), move.params(id, actor, at)) == 1;
    }

    /**
     * Repeats of one alert: the alerts of the window with the same source, event type and title, with how many, when
     * first and last seen, the most urgent severity among them, how many are still open and the newest one's id.
     */
    @Serdeable
    record Group(
            String source,
            @Nullable String eventType,
            String title,
            String severity,
            long count,
            long open,
            Instant firstSeen,
            Instant lastSeen,
            long latestId) {}

    List<Group> groups(Instant since, @Nullable String state, int limit) {
        return db.list("""
                SELECT COALESCE(s.slug, es.name) AS source, a.event_type, a.title,
                       (array_agg(a.severity ORDER BY array_position(ARRAY['info', 'warning', 'error', 'critical'],
                                                                      a.severity) DESC))[1] AS severity,
                       count(*) AS count, count(*) FILTER (WHERE a.state = 'open') AS open,
                       min(a.created_at) AS first_seen, max(a.created_at) AS last_seen, max(a.id) AS latest_id
                  FROM alerts a
                  LEFT JOIN webhook_sources s ON s.id = a.source_id
                  LEFT JOIN event_sources es ON es.id = a.event_source_id
                 WHERE a.created_at >= :since AND (CAST(:state AS text) IS NULL OR a.state = :state)
                 GROUP BY 1, 2, 3
                 ORDER BY last_seen DESC, latest_id DESC
                 LIMIT :limit""", Params.of("since", since).and("state", state).and("limit", limit), Group.class);
    }
}
