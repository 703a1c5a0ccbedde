package dev.opscenter.ingress.event;

import dev.opscenter.common.sql.Database;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PendingSweeper re-enqueues events whose {@code next_sweep_at} has passed while still pending or processing: Redis
 * was down when they arrived, lost its data, or the worker holding them died. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so every ingress replica can sweep without enqueuing the same event twice in one
 * round. If Redis fails mid-sweep the transaction rolls back and the events stay due. Each sweep of an event doubles
 * its next wait (capped at 16x), so a long worker outage does not flood the stream with copies.
 */
@Singleton
@Requires(property = "opscenter.sweeper.enabled", notEquals = "false")
final class PendingSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(PendingSweeper.class);

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final EventQueue queue;
    private final Duration age;
    private final int batchSize;

    PendingSweeper(Database db, TransactionOperations<Connection> tx, EventQueue queue, @Value("${opscenter.sweeper.pending-age:30s}") Duration age,
                   @Value("${opscenter.sweeper.batch-size:500}") int batchSize) {
        this.db = db;
        this.tx = tx;
        this.queue = queue;
        this.age = age;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelay = "${opscenter.sweeper.interval:5s}", initialDelay = "${opscenter.sweeper.interval:5s}")
    void run() {
        try {
            int swept = sweep();
            if (swept > 0) {
                LOG.info("re-enqueued {} unfinished events", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("sweep failed, will try again: {}", e.toString());
        }
    }

    /** One sweep round in one transaction; returns how many events were re-enqueued. */
    int sweep() {
        return tx.executeWrite(status -> sweepLocked());
    }

    private int sweepLocked() {
        List<Long> due = db.list("""
                SELECT id FROM webhook_events
                 WHERE next_sweep_at <= now() AND status IN ('pending', 'processing')
                 ORDER BY next_sweep_at
                 LIMIT ?
                   FOR UPDATE SKIP LOCKED""", s -> s.setInt(1, batchSize), r -> r.getLong(1));
        if (due.isEmpty()) {
            return 0;
        }
        for (long id : due) {
            queue.enqueue(id);
        }
        db.update("""
                UPDATE webhook_events
                   SET next_sweep_at = now() + make_interval(secs => ? * power(2, LEAST(sweeps, 4))),
                       sweeps = sweeps + 1
                 WHERE id = ANY (?)""", s -> {
            s.setDouble(1, age.toMillis() / 1000.0);
            Array ids = s.getConnection().createArrayOf("bigint", due.toArray());
            s.setArray(2, ids);
        });
        return due.size();
    }
}
