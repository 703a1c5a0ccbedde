package dev.opscenter.worker.retention;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention deletes finished events (processed or failed) received longer ago than the retention period, together with
 * their alerts, notification rows and fan-outs, a batch at a time so no statement holds many locks. Unfinished
 * events are never deleted. Audit log rows have their own, longer period. A period of zero keeps everything it covers.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** Batches per run, so one run stays short even after a long outage of this job. */
    private static final int BATCHES_PER_RUN = 100;

    private final Database db;
    private final Duration period;
    private final int batchSize;
    private final Duration auditPeriod;

    Retention(
            Database db,
            @Value("${opscenter.retention.period}") Duration period,
            @Value("${opscenter.retention.batch-size}") int batchSize,
            @Value("${opscenter.retention.audit-period}") Duration auditPeriod) {
        this.db = db;
        this.period = period;
        this.batchSize = batchSize;
        this.auditPeriod = auditPeriod;
    }

    @Scheduled(fixedDelay = "${opscenter.retention.interval}", initialDelay = "${opscenter.retention.initial-delay}")
    void run() {
        if (keeps(period)) {
            deleteEvents();
        }
        if (keeps(auditPeriod)) {
            try {
                int deleted = deleteAudit();
                if (deleted > 0) {
                    LOG.info("retention removed {} audit log rows older than {}", deleted, auditPeriod);
                }
            } catch (RuntimeException e) {
                LOG.warn("audit log retention failed, will try again: {}", e.toString());
            }
        }
    }

    private static boolean keeps(Duration period) {
        return !period.isZero() && !period.isNegative();
    }

    /** Deletes the audit log rows older than the audit period, a batch at a time; returns how many went. */
    int deleteAudit() {
        int total = 0;
        for (int i = 0; i < BATCHES_PER_RUN; i++) {
            int deleted = db.update(
                    """
                    DELETE FROM audit_log
                     WHERE id IN (SELECT id FROM audit_log
                                   WHERE at < now() - make_interval(secs => :period)
                                   ORDER BY id
                                   LIMIT :batch_size)""", Params.of("period", (double) auditPeriod.toSeconds()).and("batch_size", batchSize));
            total += deleted;
            if (deleted < batchSize) {
                break;
            }
        }
        return total;
    }

    private void deleteEvents() {
        try {
            int total = 0;
            for (int i = 0; i < BATCHES_PER_RUN; i++) {
                int deleted = deleteBatch();
                total += deleted;
                if (deleted < batchSize) {
                    break;
                }
            }
            if (total > 0) {
                LOG.info(
                        "retention removed {} events older than {} with their alerts and notifications", total, period);
            }
            int rejections = deleteRejections();
            if (rejections > 0) {
                LOG.info("retention removed {} rejected webhooks older than {}", rejections, period);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention run failed, will try again: {}", e.toString());
        }
    }

    /** Deletes the kept rejected webhooks older than the period (a bounded sample; no batching needed). */
    int deleteRejections() {
        return db.update(
                "DELETE FROM rejected_webhooks WHERE received_at < now() - make_interval(secs => :period)",
                Params.of("period", (double) period.toSeconds()));
    }

    /** Deletes one batch; returns how many events went. */
    int deleteBatch() {
        // one statement: foreign keys are checked at its end, when children and parents are gone together
        return db.one("""
                WITH old AS (
                    SELECT id FROM webhook_events
                     WHERE received_at < now() - make_interval(secs => :period) AND status IN ('processed', 'failed')
                     ORDER BY id
                     LIMIT :batch_size
                       FOR UPDATE SKIP LOCKED),
                logs AS (DELETE FROM notification_logs WHERE event_id IN (SELECT id FROM old)),
                fanouts AS (DELETE FROM notification_fanouts WHERE event_id IN (SELECT id FROM old)),
                alerts AS (DELETE FROM alerts WHERE event_id IN (SELECT id FROM old)),
                entries AS (DELETE FROM webhook_event_entries WHERE event_id IN (SELECT id FROM old)),
                events AS (DELETE FROM webhook_events WHERE id IN (SELECT id FROM old) RETURNING id)
                SELECT count(*) FROM events""", Params.of("period", (double) period.toSeconds()).and("batch_size", batchSize), Integer.class)
                .orElse(0);
    }
}
