package dev.opscenter.worker.relay;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeliverySweeper is the safety net of relaying, shaped like the notification sweeper: deliveries due for longer than
 * the grace period — their stream entry or retry was lost with Redis data, or their sender died mid-send — are enqueued
 * again. Claiming is keyed on status and due time, so an extra entry never sends twice, and a swept row is not looked
 * at again for another grace period.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class DeliverySweeper {
    private static final Logger LOG = LoggerFactory.getLogger(DeliverySweeper.class);

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final DeliveryQueue queue;
    private final RelaySettings settings;

    DeliverySweeper(Database db, TransactionOperations<Connection> tx, DeliveryQueue queue, RelaySettings settings) {
        this.db = db;
        this.tx = tx;
        this.queue = queue;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "${opscenter.relay.sweep-interval}", initialDelay = "${opscenter.relay.sweep-interval}")
    void run() {
        try {
            int swept = tx.executeWrite(status -> sweep());
            if (swept > 0) {
                LOG.info("re-enqueued {} overdue deliveries", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery sweep failed, will try again: {}", e.toString());
        }
    }

    private int sweep() {
        double grace = settings.sweepGrace().toMillis() / 1000.0;
        List<Long> due = db.list("""
                SELECT id FROM deliveries
                 WHERE status IN ('pending', 'sending')
                   AND next_attempt_at <= now() - make_interval(secs => :grace)
                   AND updated_at <= now() - make_interval(secs => :grace)
                 ORDER BY next_attempt_at
                 LIMIT 500
                   FOR UPDATE SKIP LOCKED""", Params.of("grace", grace), Long.class);
        if (due.isEmpty()) {
            return 0;
        }
        queue.enqueue(due);
        db.update(
                "UPDATE deliveries SET updated_at = now() WHERE id = ANY (:ids)",
                Params.of("ids", Params.bigints(due)));
        return due.size();
    }
}
