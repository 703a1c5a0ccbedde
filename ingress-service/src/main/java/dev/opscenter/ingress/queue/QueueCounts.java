package dev.opscenter.ingress.queue;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * QueueCounts reads from PostgreSQL what the queues' consumers did: work finished in the last minutes (events
 * processed, notifications sent, delivery attempts made) and work that failed. Each count walks an index and the
 * failed ones stop at {@link #MAX_FAILED}, so the cost does not grow with the tables.
 */
@Singleton
final class QueueCounts {
    /** The most failed items counted per queue; {@link Counts#failed} at this value means "at least". */
    static final int MAX_FAILED = 10_000;

    private final Database db;

    QueueCounts(Database db) {
        this.db = db;
    }

    /** Done in the window and failed (capped), per queue. */
    @Serdeable
    record Counts(
            long eventsDone,
            long eventsFailed,
            long notificationsDone,
            long notificationsFailed,
            long deliveriesDone,
            long deliveriesFailed) {}

    Counts read(Duration window) {
        return db.one(
                        """
                SELECT
                  (SELECT count(*) FROM webhook_events WHERE processed_at >= now() - make_interval(secs => :window)),
                  (SELECT count(*) FROM (SELECT 1 FROM webhook_events WHERE status = 'failed' LIMIT :max) f),
                  (SELECT count(*) FROM notification_logs WHERE sent_at >= now() - make_interval(secs => :window)),
                  (SELECT count(*) FROM (SELECT 1 FROM notification_logs WHERE status = 'failed' LIMIT :max) f),
                  (SELECT count(*) FROM delivery_attempts WHERE attempted_at >= now() - make_interval(secs => :window)),
                  (SELECT count(*) FROM (SELECT 1 FROM deliveries WHERE status = 'failed' LIMIT :max) f)
                """,
                        Params.of("window", (double) window.toSeconds()).and("max", MAX_FAILED),
                        r -> new Counts(
                                r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)))
                .orElseThrow();
    }
}
