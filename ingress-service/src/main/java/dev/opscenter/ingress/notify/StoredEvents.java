package dev.opscenter.ingress.notify;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.notify.NotificationContext;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * StoredEvents loads recorded events (webhooks and triggered ones) with their alert, as the contexts previews and
 * dry-runs render against. Contexts come only from {@link NotificationContext}, so a preview shows what the worker sends.
 */
@Singleton
public final class StoredEvents {
    private static final String SELECT = """
            SELECT e.id, e.source_id, e.event_source_id, e.event_type, e.delivery_id, e.received_at,
                   e.payload::text AS payload, COALESCE(s.slug, es.name) AS source, COALESCE(s.name, es.name) AS source_name,
                   a.id AS alert_id, a.source_id AS alert_source_id, a.event_source_id AS alert_event_source_id, a.event_type AS alert_event_type, a.title, a.message,
                   a.severity, a.metadata::text AS metadata, a.is_read, a.created_at AS alert_created_at
              FROM webhook_events e
              LEFT JOIN webhook_sources s ON s.id = e.source_id
              LEFT JOIN event_sources es ON es.id = e.event_source_id
              LEFT JOIN alerts a ON a.event_id = e.id
            """;

    private final Database db;
    private final JsonMapper json;

    StoredEvents(Database db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The event with this id, if stored. */
    public Optional<StoredEvent> find(long id) {
        return db.one(SELECT + " WHERE e.id = ?", s -> s.setLong(1, id), this::map);
    }

    /** The most recent events, newest first. */
    public List<StoredEvent> latest(int limit) {
        return db.list(SELECT + " ORDER BY e.id DESC LIMIT ?", s -> s.setInt(1, limit), this::map);
    }

    private StoredEvent map(ResultSet r) throws SQLException {
        long id = r.getLong("id");
        String source = r.getString("source");
        AlertMessage alert = null;
        Long alertId = Columns.nullableLong(r, "alert_id");
        if (alertId != null) {
            alert = new AlertMessage(alertId, id, Columns.nullableLong(r, "alert_source_id"),
                    Columns.nullableLong(r, "alert_event_source_id"), source, r.getString("source_name"),
                    r.getString("alert_event_type"), r.getString("title"), r.getString("message"), r.getString("severity"),
                    Json.readMap(json, r.getString("metadata")), r.getBoolean("is_read"), Columns.instant(r, "alert_created_at"));
        }
        String eventType = r.getString("event_type");
        var facts = new NotificationContext.EventFacts(id, eventType, source, r.getString("delivery_id"),
                Columns.instant(r, "received_at"));
        return new StoredEvent(id, Columns.nullableLong(r, "source_id"), Columns.nullableLong(r, "event_source_id"), eventType,
                source, alert, NotificationContext.of(alert, facts, Json.read(json, r.getString("payload"))));
    }
}
