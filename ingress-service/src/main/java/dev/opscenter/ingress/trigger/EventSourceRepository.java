package dev.opscenter.ingress.trigger;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** EventSourceRepository reads and writes event_sources; rows map to {@link EventSource} by column name. */
@Singleton
@Introspected(classes = EventSource.class)
final class EventSourceRepository {
    private static final String COLUMNS = """
            id, name, description, payload_schema::text AS payload_schema, is_active AS active, raises_alert,
            alert_severity, created_at, updated_at""";
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
        return db.list("SELECT " + COLUMNS + " FROM event_sources ORDER BY name", Params.NONE, EventSource.class);
    }

    Optional<EventSource> findById(long id) {
        return db.one(
                "SELECT " + COLUMNS + " FROM event_sources WHERE id = :id", Params.of("id", id), EventSource.class);
    }

    Optional<EventSource> findByName(String name) {
        return db.one(
                "SELECT " + COLUMNS + " FROM event_sources WHERE name = :name",
                Params.of("name", name),
                EventSource.class);
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
                VALUES (:name, :description, CAST(:payload_schema AS jsonb), :active, :raises_alert, :alert_severity)
                ON CONFLICT (name) DO NOTHING
                RETURNING\s""" + COLUMNS,
                Params.of("name", name)
                        .and("description", description)
                        .and("payload_schema", payloadSchema)
                        .and("active", active)
                        .and("raises_alert", raisesAlert)
                        .and("alert_severity", alertSeverity),
                EventSource.class);
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
                   SET description = :description, payload_schema = CAST(:payload_schema AS jsonb), is_active = :active,
                       raises_alert = :raises_alert, alert_severity = :alert_severity, updated_at = now()
                 WHERE id = :id
                RETURNING\s""" + COLUMNS,
                Params.of("description", description)
                        .and("payload_schema", payloadSchema)
                        .and("active", active)
                        .and("raises_alert", raisesAlert)
                        .and("alert_severity", alertSeverity)
                        .and("id", id),
                EventSource.class);
    }

    /** Deletes an event source nothing refers to; the foreign keys decide, so no event can slip in between check and delete. */
    Removal delete(long id) {
        try {
            return db.update("DELETE FROM event_sources WHERE id = :id", Params.of("id", id)) == 1
                    ? Removal.DELETED
                    : Removal.NOT_FOUND;
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return Removal.IN_USE;
            }
            throw e;
        }
    }
}
