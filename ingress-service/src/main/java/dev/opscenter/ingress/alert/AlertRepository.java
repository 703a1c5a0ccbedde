package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** AlertRepository reads alerts with their source, and marks them read. */
@Singleton
final class AlertRepository {
    // an alert comes from a webhook source or an event source; for the latter its name is both source and sourceName
    // (and sourceId reads 0: AlertMessage.sourceId is not nullable)
    private static final String SELECT = """
            SELECT a.id, a.event_id, a.source_id, COALESCE(s.slug, es.name) AS slug, COALESCE(s.name, es.name) AS name,
                   a.event_type, a.title, a.message, a.severity, a.metadata::text AS metadata, a.is_read, a.created_at
              FROM alerts a
              LEFT JOIN webhook_sources s ON s.id = a.source_id
              LEFT JOIN event_sources es ON es.id = a.event_source_id
            """;

    private final Database db;
    private final JsonMapper json;

    AlertRepository(Database db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    List<AlertMessage> list(@Nullable String severity, @Nullable Boolean read, @Nullable Long before, int limit) {
        return db.list(SELECT + """
                WHERE (CAST(? AS text) IS NULL OR a.severity = ?)
                  AND (CAST(? AS boolean) IS NULL OR a.is_read = ?)
                  AND (CAST(? AS bigint) IS NULL OR a.id < ?)
                ORDER BY a.id DESC
                LIMIT ?""", s -> {
            s.setString(1, severity);
            s.setString(2, severity);
            Columns.setBoolean(s, 3, read);
            Columns.setBoolean(s, 4, read);
            Columns.setLong(s, 5, before);
            Columns.setLong(s, 6, before);
            s.setInt(7, limit);
        }, this::map);
    }

    Optional<AlertMessage> find(long id) {
        return db.one(SELECT + " WHERE a.id = ?", s -> s.setLong(1, id), this::map);
    }

    int markRead(List<Long> ids) {
        return db.update("UPDATE alerts SET is_read = true, read_at = now() WHERE id = ANY (?) AND NOT is_read",
                s -> s.setArray(1, s.getConnection().createArrayOf("bigint", ids.toArray())));
    }

    private AlertMessage map(ResultSet r) throws SQLException {
        return new AlertMessage(r.getLong("id"), r.getLong("event_id"), r.getLong("source_id"), r.getString("slug"),
                r.getString("name"), r.getString("event_type"), r.getString("title"), r.getString("message"),
                r.getString("severity"), Json.readMap(json, r.getString("metadata")), r.getBoolean("is_read"),
                Columns.instant(r, "created_at"));
    }
}
