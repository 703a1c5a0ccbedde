package dev.opscenter.worker.notify;

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
 * NotificationSweeper is the safety net of sending: notifications due for longer than the grace period — their
 * stream entry or retry was lost with Redis data, or their sender died mid-send — are enqueued again. Claiming is
 * keyed on status and due time, so an extra entry never sends twice.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class NotificationSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSweeper.class);

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final WorkQueue queue;
    private final NotificationSettings settings;

    NotificationSweeper(
            Database db,
            TransactionOperations<Connection> tx,
            @Named("notifications") WorkQueue queue,
            NotificationSettings settings) {
        this.db = db;
        this.tx = tx;
        this.queue = queue;
        this.settings = settings;
    }

    @Scheduled(
            fixedDelay = "${opscenter.notifications.sweep-interval}",
            initialDelay = "${opscenter.notifications.sweep-interval}")
    void run() {
        try {
            int swept = tx.executeWrite(status -> sweep());
            if (swept > 0) {
                LOG.info("re-enqueued {} overdue notifications", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("notification sweep failed, will try again: {}", e.toString());
        }
    }

    private int sweep() {
        return queue.sweep(db, settings.sweepGrace());
    }
}
