package dev.opscenter.ingress.api;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * SeriesRepository counts what the overview charts draw: events received per minute by source, and alerts created per
 * hour by severity, over the last 24 hours. Only buckets with something in them are returned; the page fills the
 * empty ones. Sources past the busiest {@value #TOP_SOURCES} are summed as "other", so a chart stays readable.
 */
@Singleton
final class SeriesRepository {
    static final int TOP_SOURCES = 8;

    /** One bucket: its start and how many fell in it. */
    @Serdeable
    record Point(Instant at, long count) {}

    /** One line of a chart. */
    @Serdeable
    record Series(String name, List<Point> points) {}

    /** Both charts' data and the window they cover. */
    @Serdeable
    record Overview(Instant from, Instant to, List<Series> eventsPerMinute, List<Series> alertsPerHour) {}

    private final Database db;

    SeriesRepository(Database db) {
        this.db = db;
    }

    Overview read(Instant now) {
        Instant from = now.minusSeconds(24 * 3600);
        Params window = Params.of("from", from);
        List<Row> events = db.list(
                """
                WITH counted AS (
                  SELECT coalesce(s.name, es.name, 'unknown') AS name, date_trunc('minute', e.received_at) AS at,
                         count(*) AS n
                    FROM webhook_events e
                    LEFT JOIN webhook_sources s ON s.id = e.source_id
                    LEFT JOIN event_sources es ON es.id = e.event_source_id
                   WHERE e.received_at >= :from
                   GROUP BY 1, 2),
                ranked AS (
                  SELECT name, dense_rank() OVER (ORDER BY total DESC, name) AS rank
                    FROM (SELECT name, sum(n) AS total FROM counted GROUP BY name) t)
                SELECT CASE WHEN r.rank <= %d THEN c.name ELSE 'other' END AS name, c.at, sum(c.n) AS n
                  FROM counted c JOIN ranked r USING (name)
                 GROUP BY 1, 2
                 ORDER BY 1, 2""".formatted(TOP_SOURCES),
                window,
                r -> new Row(r.getString("name"), Columns.instant(r, "at"), r.getLong("n")));
        List<Row> alerts =
                db.list("""
                SELECT severity AS name, date_trunc('hour', created_at) AS at, count(*) AS n
                  FROM alerts WHERE created_at >= :from
                 GROUP BY 1, 2 ORDER BY 1, 2""", window, r -> new Row(r.getString("name"), Columns.instant(r, "at"), r.getLong("n")));
        return new Overview(from, now, series(events), series(alerts));
    }

    private record Row(String name, Instant at, long count) {}

    private static List<Series> series(List<Row> rows) {
        var byName = new java.util.LinkedHashMap<String, List<Point>>();
        for (Row row : rows) {
            byName.computeIfAbsent(row.name(), n -> new java.util.ArrayList<>()).add(new Point(row.at(), row.count()));
        }
        return byName.entrySet().stream()
                .map(e -> new Series(e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }
}
