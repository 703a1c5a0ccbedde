package dev.opscenter.worker.notify;

import dev.opscenter.common.notify.AudienceUsers;
import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.FanoutStatus;
import dev.opscenter.worker.stream.WorkQueue;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FanoutRunner turns a notification to a recipient group, or to the users of an audience, into rows a chunk at a time, resuming after the last
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
    private final WorkQueue queue;
    private final NotificationSettings settings;
    private final Clock clock;

    FanoutRunner(
            Database db,
            TransactionOperations<Connection> tx,
            @Named("notifications") WorkQueue queue,
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

    /** A running fan-out: what each of its rows gets, and the last recipient handled (null before the first chunk). */
    @Introspected
    record Fanout(
            long id,
            long eventId,
            long ruleId,
            @Nullable Long groupId,
            @Nullable String audience,
            @Nullable Long alertId,
            long channelId,
            String channelType,
            @Nullable String subject,
            String body,
            int suppressedCount,
            @Nullable String cursor) {}

    /** Creates the next chunk of one running fan-out; empty when none is running. */
    private Optional<List<Long>> nextChunk() {
        Optional<Fanout> fanout = db.one("""
                SELECT id, event_id, rule_id, group_id, audience, alert_id, channel_id, channel_type, subject, body, suppressed_count, cursor
                  FROM notification_fanouts WHERE status = 'running' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""", Params.NONE, Fanout.class);
        if (fanout.isEmpty()) {
            return Optional.empty();
        }
        Fanout f = fanout.get();
        List<String> recipients = f.groupId() != null
                ? db.list(
                        """
                        SELECT recipient FROM recipient_group_members
                         WHERE group_id = :group_id AND recipient > COALESCE(:cursor, '') ORDER BY recipient LIMIT :limit""",
                        Params.of("group_id", f.groupId())
                                .and("cursor", f.cursor())
                                .and("limit", settings.chunkSize()),
                        String.class)
                : db.list(
                        // users are read as the chunk is made: one disabled since the fan-out began is skipped
                        "SELECT DISTINCT email " + AudienceUsers.FROM
                                + " AND email > COALESCE(:cursor, '') ORDER BY email LIMIT :limit",
                        AudienceUsers.params(UserAudience.parse(f.audience()).orElseThrow())
                                .and("cursor", f.cursor())
                                .and("limit", settings.chunkSize()),
                        String.class);
        List<Long> ids = recipients.isEmpty()
                ? List.of()
                : db.list(
                        """
                INSERT INTO notification_logs (event_id, alert_id, rule_id, channel_id, channel_type, recipient, subject, body,
                                               status, suppressed_count, next_attempt_at)
                SELECT :event_id, :alert_id, :rule_id, :channel_id, :channel_type, recipient, :subject, :body, 'pending',
                       :suppressed_count, :next_attempt_at
                  FROM unnest(:recipients::text[]) AS recipient
                ON CONFLICT (event_id, rule_id, recipient) DO NOTHING
                RETURNING id""",
                        Params.of("event_id", f.eventId())
                                .and("alert_id", f.alertId())
                                .and("rule_id", f.ruleId())
                                .and("channel_id", f.channelId())
                                .and("channel_type", f.channelType())
                                .and("subject", f.subject())
                                .and("body", f.body())
                                .and("suppressed_count", f.suppressedCount())
                                .and("next_attempt_at", clock.instant())
                                .and("recipients", Params.texts(recipients)),
                        Long.class);
        boolean done = recipients.size() < settings.chunkSize();
        db.update(
                """
                UPDATE notification_fanouts
                   SET cursor = COALESCE(:cursor, cursor), created = created + :created, status = :status, updated_at = now()
                 WHERE id = :id""",
                Params.of("cursor", recipients.isEmpty() ? null : recipients.get(recipients.size() - 1))
                        .and("created", recipients.size())
                        .and("status", done ? FanoutStatus.DONE : FanoutStatus.RUNNING)
                        .and("id", f.id()));
        return Optional.of(ids);
    }
}
