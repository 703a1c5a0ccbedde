package dev.opscenter.ingress.notify;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.AlertRows;
import dev.opscenter.common.event.EventPayload;
import dev.opscenter.common.notify.NotificationContext;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
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
    // the event's own columns take an e_ prefix: the unprefixed names are the alert's, as AlertRows reads them
    private static final String SELECT = """
            SELECT e.id AS e_id, e.source_id AS e_source_id, e.event_source_id AS e_event_source_id,
                   e.event_type AS e_event_type, e.delivery_id, e.received_at,
                   COALESCE(s.slug, es.name) AS source, """ + EventPayload.COLUMNS + ", " + AlertRows.COLUMNS + """
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
        return db.one(SELECT + " WHERE e.id = :id", Params.of("id", id), this::map);
    }

    /** The most recent events, newest first. */
    public List<StoredEvent> latest(int limit) {
        return db.list(SELECT + " ORDER BY e.id DESC LIMIT :limit", Params.of("limit", limit), this::map);
    }

    private StoredEvent map(ResultSet r) throws SQLException {
        long id = r.getLong("e_id");
        String source = r.getString("source");
        AlertMessage alert = AlertRows.mapIfAny(r, json);
        String eventType = r.getString("e_event_type");
        var facts = new NotificationContext.EventFacts(
                id, eventType, source, r.getString("delivery_id"), Columns.instant(r, "received_at"));
        return new StoredEvent(
                id,
                Columns.nullableLong(r, "e_source_id"),
                Columns.nullableLong(r, "e_event_source_id"),
                eventType,
                source,
                alert,
                NotificationContext.of(
                        alert, facts, Json.read(json, EventPayload.read(r).text())));
    }
}
