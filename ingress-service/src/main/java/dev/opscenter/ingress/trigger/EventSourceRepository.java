package dev.opscenter.ingress.trigger;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** EventSourceRepository reads and writes event_sources. */
@Singleton
final class EventSourceRepository {
    private static final String COLUMNS = """
            id, name, description, payload_schema::text AS payload_schema, is_active, raises_alert, alert_severity,
            created_at, updated_at""";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Database db;

    EventSourceRepository(Database db) {
        this.db = db;
    }

    /** What deleting came to. */
    enum Removal {
        DELETED,
        NOT_FOUND,
        /** Events, alerts or rules refer to it: deactivate it instead. */
        IN_USE
    }

    List<EventSource> list() {
        return db.list("SELECT " + COLUMNS + " FROM event_sources ORDER BY name", Database.NO_PARAMETERS, this::map);
    }

    Optional<EventSource> findById(long id) {
        return db.one("SELECT " + COLUMNS + " FROM event_sources WHERE id = ?", s -> s.setLong(1, id), this::map);
    }

    Optional<EventSource> findByName(String name) {
        return db.one("SELECT " + COLUMNS + " FROM event_sources WHERE name = ?", s -> s.setString(1, name), this::map);
    }

    /** Inserts the event source; empty when the name is taken. */
    Optional<EventSource> insert(
            String name,
            @Nullable String description,
            @Nullable String payloadSchema,
            boolean active,
            boolean raisesAlert,
            @Nullable String alertSeverity) {
        return db.one(
                """
                INSERT INTO event_sources (name, description, payload_schema, is_active, raises_alert, alert_severity)
                VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?)
                ON CONFLICT (name) DO NOTHING
                RETURNING\s""" + COLUMNS,
                s -> {
                    s.setString(1, name);
                    s.setString(2, description);
                    s.setString(3, payloadSchema);
                    s.setBoolean(4, active);
                    s.setBoolean(5, raisesAlert);
                    s.setString(6, alertSeverity);
                },
                this::map);
    }

    Optional<EventSource> update(
            long id,
            @Nullable String description,
            @Nullable String payloadSchema,
            boolean active,
            boolean raisesAlert,
            @Nullable String alertSeverity) {
        return db.one(
                """
                UPDATE event_sources
                   SET description = ?, payload_schema = CAST(? AS jsonb), is_active = ?, raises_alert = ?,
                       alert_severity = ?, updated_at = now()
                 WHERE id = ?
                RETURNING\s""" + COLUMNS,
                s -> {
                    s.setString(1, description);
                    s.setString(2, payloadSchema);
                    s.setBoolean(3, active);
                    s.setBoolean(4, raisesAlert);
                    s.setString(5, alertSeverity);
                    s.setLong(6, id);
                },
                this::map);
    }

    /** Deletes an event source nothing refers to; the foreign keys decide, so no event can slip in between check and delete. */
    Removal delete(long id) {
        try {
            return db.update("DELETE FROM event_sources WHERE id = ?", s -> s.setLong(1, id)) == 1
                    ? Removal.DELETED
                    : Removal.NOT_FOUND;
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return Removal.IN_USE;
            }
            throw e;
        }
    }

    private EventSource map(ResultSet r) throws SQLException {
        return new EventSource(
                r.getLong("id"),
                r.getString("name"),
                r.getString("description"),
                r.getString("payload_schema"),
                r.getBoolean("is_active"),
                r.getBoolean("raises_alert"),
                r.getString("alert_severity"),
                Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at"));
    }
}
