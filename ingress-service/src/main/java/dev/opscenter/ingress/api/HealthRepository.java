package dev.opscenter.ingress.api;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;

/** HealthRepository answers what system health asks PostgreSQL: is it there, and is the worker getting through events. */
@Singleton
final class HealthRepository {
    private final Database db;

    HealthRepository(Database db) {
        this.db = db;
    }

    /** What the worker did with the last week's events: when it last finished one, and how many wait or run. */
    @Introspected
    record WorkerProgress(@Nullable Instant lastProcessedAt, long backlog) {}

    /** Runs a trivial query; throws when PostgreSQL cannot answer. */
    void ping() {
        db.one("SELECT 1", Params.NONE, Integer.class);
    }

    WorkerProgress workerProgress() {
        return db.one("""
                SELECT max(processed_at) AS last_processed_at, count(*) FILTER (WHERE status IN ('pending', 'processing')) AS backlog
                  FROM webhook_events WHERE received_at >= now() - interval '7 days'""", Params.NONE, WorkerProgress.class).orElseThrow();
    }
}
