package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.AlertRows;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
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

    List<AlertMessage> list(
            @Nullable String severity,
            @Nullable Boolean read,
            @Nullable String state,
            @Nullable Long before,
            int limit) {
        return db.list(
                AlertRows.SELECT + """
                WHERE (CAST(:severity AS text) IS NULL OR a.severity = :severity)
                  AND (CAST(:read AS boolean) IS NULL OR a.is_read = :read)
                  AND (CAST(:state AS text) IS NULL OR a.state = :state)
                  AND (CAST(:before AS bigint) IS NULL OR a.id < :before)
                ORDER BY a.id DESC
                LIMIT :limit""",
                Params.of("severity", severity)
                        .and("read", read)
                        .and("state", state)
                        .and("before", before)
                        .and("limit", limit),
                r -> AlertRows.map(r, json));
    }

    Optional<AlertMessage> find(long id) {
        return db.one(AlertRows.SELECT + " WHERE a.id = :id", Params.of("id", id), r -> AlertRows.map(r, json));
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
}
