package dev.opscenter.common.alert;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Json;
import io.micronaut.json.JsonMapper;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * AlertRows reads alerts with their source — a webhook source's slug and name, or an event source's name — the same
 * way for the admin API and the previews (ingress) and the republisher (worker). Append WHERE / ORDER BY to
 * {@link #SELECT}, or select {@link #COLUMNS} beside other tables' columns; alias {@code a} is the alert.
 */
public final class AlertRows {
    /**
     * Every column {@link #map} reads, under the names it reads them by; {@code s} and {@code es} are the webhook source
     * and the event source, joined by the alert's or its event's source ids (the same ones).
     */
    public static final String COLUMNS = """
            a.id, a.event_id, a.source_id, a.event_source_id, COALESCE(s.slug, es.name) AS slug,
                   COALESCE(s.name, es.name) AS name, a.event_type, a.title, a.message, a.severity,
                   a.metadata::text AS metadata, a.is_read, a.created_at, a.state, a.acknowledged_at,
                   a.acknowledged_by, a.resolved_at, a.resolved_by
            """;

    /** Selects every column {@link #map} reads. */
    public static final String SELECT = "SELECT " + COLUMNS + """
              FROM alerts a
              LEFT JOIN webhook_sources s ON s.id = a.source_id
              LEFT JOIN event_sources es ON es.id = a.event_source_id
            """;

    private AlertRows() {}

    /** Maps the current row of a query built on {@link #SELECT} or {@link #COLUMNS}. */
    public static AlertMessage map(ResultSet r, JsonMapper json) throws SQLException {
        return new AlertMessage(
                r.getLong("id"),
                r.getLong("event_id"),
                Columns.nullableLong(r, "source_id"),
                Columns.nullableLong(r, "event_source_id"),
                r.getString("slug"),
                r.getString("name"),
                r.getString("event_type"),
                r.getString("title"),
                r.getString("message"),
                r.getString("severity"),
                Json.readMap(json, r.getString("metadata")),
                r.getBoolean("is_read"),
                Columns.instant(r, "created_at"),
                r.getString("state"),
                Columns.instant(r, "acknowledged_at"),
                r.getString("acknowledged_by"),
                Columns.instant(r, "resolved_at"),
                r.getString("resolved_by"));
    }

    /** Like {@link #map} for a query that LEFT JOINs alerts: null when the row has no alert. */
    public static AlertMessage mapIfAny(ResultSet r, JsonMapper json) throws SQLException {
        return Columns.nullableLong(r, "id") == null ? null : map(r, json);
    }
}
