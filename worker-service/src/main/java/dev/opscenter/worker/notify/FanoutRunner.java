package dev.opscenter.worker.notify;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.vocabulary.FanoutStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FanoutRunner turns a notification to a recipient group into rows a chunk at a time, resuming after the last
 * recipient handled: memory stays bounded by the chunk size however large the group, progress is visible in
 * notification_fanouts, and a crash resumes where the last committed chunk ended. Replicas take different fan-outs
 * ({@code SKIP LOCKED}).
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class FanoutRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FanoutRunner.class);
    /** Chunks per scheduled run, so one large fan-out does not starve the rest of the scheduler. */
    private static final int CHUNKS_PER_RUN = 40;

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final NotificationQueue queue;
    private final NotificationSettings settings;
    private final Clock clock;

    FanoutRunner(
            Database db,
            TransactionOperations<Connection> tx,
            NotificationQueue queue,
            NotificationSettings settings,
            Clock clock) {
        this.db = db;
        this.tx = tx;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${opscenter.notifications.fanout-interval}", initialDelay = "1s")
    void run() {
        try {
            for (int i = 0; i < CHUNKS_PER_RUN; i++) {
                Optional<List<Long>> created = tx.executeWrite(status -> nextChunk());
                if (created.isEmpty()) {
                    return;
                }
                queue.enqueueQuietly(created.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("fan-out paused: {}", e.toString());
        }
    }

    /** Creates the next chunk of one running fan-out; empty when none is running. */
    private Optional<List<Long>> nextChunk() {
        Optional<Object[]> fanout = db.one("""
                SELECT id, event_id, rule_id, group_id, alert_id, channel_id, channel_type, subject, body, suppressed_count, cursor
                  FROM notification_fanouts WHERE status = 'running' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""", Database.NO_PARAMETERS, r -> new Object[] {
            r.getLong("id"),
            r.getLong("event_id"),
            r.getLong("rule_id"),
            r.getLong("group_id"),
            Columns.nullableLong(r, "alert_id"),
            r.getLong("channel_id"),
            r.getString("channel_type"),
            r.getString("subject"),
            r.getString("body"),
            r.getInt("suppressed_count"),
            r.getString("cursor")
        });
        if (fanout.isEmpty()) {
            return Optional.empty();
        }
        Object[] f = fanout.get();
        long fanoutId = (Long) f[0];
        List<String> recipients = db.list(
                """
                SELECT recipient FROM recipient_group_members
                 WHERE group_id = ? AND recipient > COALESCE(?, '') ORDER BY recipient LIMIT ?""",
                s -> {
                    s.setLong(1, (Long) f[3]);
                    s.setString(2, (String) f[10]);
                    s.setInt(3, settings.chunkSize());
                },
                r -> r.getString(1));
        List<Long> ids = recipients.isEmpty()
                ? List.of()
                : db.list(
                        """
                INSERT INTO notification_logs (event_id, alert_id, rule_id, channel_id, channel_type, recipient, subject, body,
                                               status, suppressed_count, next_attempt_at)
                SELECT ?, ?, ?, ?, ?, recipient, ?, ?, 'pending', ?, ? FROM unnest(?::text[]) AS recipient
                ON CONFLICT (event_id, rule_id, recipient) DO NOTHING
                RETURNING id""",
                        s -> {
                            s.setLong(1, (Long) f[1]);
                            Columns.setLong(s, 2, (Long) f[4]);
                            s.setLong(3, (Long) f[2]);
                            s.setLong(4, (Long) f[5]);
                            s.setString(5, (String) f[6]);
                            s.setString(6, (String) f[7]);
                            s.setString(7, (String) f[8]);
                            s.setInt(8, (Integer) f[9]);
                            s.setTimestamp(9, Timestamp.from(clock.instant()));
                            s.setArray(10, s.getConnection().createArrayOf("text", recipients.toArray()));
                        },
                        r -> r.getLong(1));
        boolean done = recipients.size() < settings.chunkSize();
        db.update("""
                UPDATE notification_fanouts
                   SET cursor = COALESCE(?, cursor), created = created + ?, status = ?, updated_at = now()
                 WHERE id = ?""", s -> {
            s.setString(1, recipients.isEmpty() ? null : recipients.get(recipients.size() - 1));
            s.setInt(2, recipients.size());
            s.setString(3, (done ? FanoutStatus.DONE : FanoutStatus.RUNNING).wire());
            s.setLong(4, fanoutId);
        });
        return Optional.of(ids);
    }
}
