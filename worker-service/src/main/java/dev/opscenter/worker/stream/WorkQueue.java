package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WorkQueue is a work stream of row ids whose rows PostgreSQL holds first: notifications and relay deliveries. Ids go
 * on the stream once their rows are committed; a failed enqueue is only logged, because the row is due (status
 * {@code pending} or {@code sending}, {@code next_attempt_at}) and {@link #sweep} enqueues overdue rows again. Senders
 * claim a row by its status and due time, so an extra entry never sends twice.
 */
public final class WorkQueue {
    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
    /** Rows re-enqueued per sweep at most; the next sweep takes the rest. */
    private static final int SWEEP_LIMIT = 500;

    private final SharedRedis redis;
    private final String stream;
    private final String table;
    private final long maxLength;

    /**
     * @param stream    the stream's key
     * @param table     the table of the rows, with columns {@code status}, {@code next_attempt_at}, {@code updated_at}
     * @param maxLength the stream's approximate cap
     */
    public WorkQueue(SharedRedis redis, String stream, String table, long maxLength) {
        this.redis = redis;
        this.stream = stream;
        this.table = table;
        this.maxLength = maxLength;
    }

    /** Enqueues every id; never throws. */
    public void enqueueQuietly(Collection<Long> ids) {
        try {
            enqueue(ids);
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} {} rows stored but not enqueued ({}); the sweeper will enqueue them",
                    ids.size(),
                    table,
                    e.toString());
        }
    }

    /** Enqueues every id; throws if Redis cannot be reached. */
    public void enqueue(Collection<Long> ids) {
        for (long id : ids) {
            redis.appendId(stream, id, maxLength);
        }
    }

    /**
     * Enqueues again the rows due for longer than {@code grace} — their entry or retry was lost with Redis data, or
     * their sender died mid-send — and marks them touched, so they are not looked at again for another grace period.
     * Call it inside a transaction: the rows stay locked ({@code SKIP LOCKED} for other replicas) until it commits.
     * Returns how many were enqueued.
     */
    public int sweep(Database db, Duration grace) {
        double seconds = grace.toMillis() / 1000.0;
        List<Long> due =
                db.list("""
                SELECT id FROM %s
                 WHERE status IN ('pending', 'sending')
                   AND next_attempt_at <= now() - make_interval(secs => :grace)
                   AND updated_at <= now() - make_interval(secs => :grace)
                 ORDER BY next_attempt_at
                 LIMIT :limit
                   FOR UPDATE SKIP LOCKED""".formatted(table), Params.of("grace", seconds).and("limit", SWEEP_LIMIT), Long.class);
        if (due.isEmpty()) {
            return 0;
        }
        enqueue(due);
        db.update(
                "UPDATE %s SET updated_at = now() WHERE id = ANY (:ids)".formatted(table),
                Params.of("ids", Params.bigints(due)));
        return due.size();
    }
}
