package dev.opscenter.worker.relay;

import dev.opscenter.common.sql.Database;
import dev.opscenter.worker.stream.WorkQueue;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeliverySweeper is the safety net of relaying, on its own schedule: deliveries due for longer than the grace period
 * are enqueued again ({@link WorkQueue#sweep}, as for notifications).
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class DeliverySweeper {
    private static final Logger LOG = LoggerFactory.getLogger(DeliverySweeper.class);

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final WorkQueue queue;
    private final RelaySettings settings;

    DeliverySweeper(
            Database db,
            TransactionOperations<Connection> tx,
            @Named("deliveries") WorkQueue queue,
            RelaySettings settings) {
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
        return queue.sweep(db, settings.sweepGrace());
    }
}
