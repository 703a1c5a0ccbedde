package dev.opscenter.ingress.api;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** StatsRepository counts the dashboard's headline numbers. "Today" is the UTC day; the others are rolling 24 hours. */
@Singleton
final class StatsRepository {
    private final Database db;

    StatsRepository(Database db) {
        this.db = db;
    }

    /**
     * The four stats.
     *
     * @param avgProcessingMs mean time from receipt to alert for events processed in the last 24 h; null if none
     */
    @Serdeable
    record Stats(
            long webhooksToday,
            long criticalAlerts24h,
            @Nullable Double avgProcessingMs,
            long failedEvents24h) {}

    Stats read() {
        return db.one("""
                SELECT
                  (SELECT count(*) FROM webhook_events WHERE received_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'),
                  (SELECT count(*) FROM alerts WHERE severity = 'critical' AND created_at >= now() - interval '24 hours'),
                  (SELECT avg(EXTRACT(EPOCH FROM (processed_at - received_at)) * 1000) FROM webhook_events
                    WHERE status = 'processed' AND processed_at >= now() - interval '24 hours'),
                  (SELECT count(*) FROM webhook_events WHERE status = 'failed' AND received_at >= now() - interval '24 hours')
                """, Params.NONE, r -> {
                    double avg = r.getDouble(3);
                    Double average = r.wasNull() ? null : Math.round(avg * 10) / 10.0;
                    return new Stats(r.getLong(1), r.getLong(2), average, r.getLong(4));
                })
                .orElseThrow();
    }
}
