package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.alert.NotificationRows;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.NotificationStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** LogRepository reads notification logs and fan-outs, and puts failed notifications back to pending. */
@Singleton
final class LogRepository {
    /** What a retry does: due now, attempts from zero, the last error kept so people still see why it failed. */
    private static final String RETRY = """
            UPDATE notification_logs
               SET status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
            """;

    private final Database db;

    LogRepository(Database db) {
        this.db = db;
    }

    /** Newest first, keyset-paged by id. */
    List<NotificationMessage> list(
            @Nullable NotificationStatus status,
            @Nullable Long channelId,
            @Nullable Long ruleId,
            @Nullable Long before,
            int limit) {
        return db.list(
                "SELECT " + NotificationRows.COLUMNS + """
                 FROM notification_logs
                WHERE (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:channel_id AS bigint) IS NULL OR channel_id = :channel_id)
                  AND (CAST(:rule_id AS bigint) IS NULL OR rule_id = :rule_id)
                  AND (CAST(:before AS bigint) IS NULL OR id < :before)
                ORDER BY id DESC
                LIMIT :limit""",
                Params.of("status", status)
                        .and("channel_id", channelId)
                        .and("rule_id", ruleId)
                        .and("before", before)
                        .and("limit", limit),
                NotificationRows::map);
    }

    Optional<NotificationMessage> find(long id) {
        return db.one(
                "SELECT " + NotificationRows.COLUMNS + " FROM notification_logs WHERE id = :id",
                Params.of("id", id),
                NotificationRows::map);
    }

    /** Puts one failed notification back to pending; false if it is not (or no longer) failed. */
    boolean retry(long id) {
        return db.update(RETRY + " WHERE id = :id AND status = 'failed'", Params.of("id", id)) == 1;
    }

    /** Puts the failed ones among these ids back to pending; returns their ids. */
    List<Long> retry(List<Long> ids) {
        return db.list(
                RETRY + " WHERE id = ANY (:ids) AND status = 'failed' RETURNING id",
                Params.of("ids", Params.bigints(ids)),
                Long.class);
    }

    /** Puts up to {@code limit} failed notifications (of one rule, if given) back to pending, oldest first; returns their ids. */
    List<Long> retryFailed(@Nullable Long ruleId, int limit) {
        return db.list(RETRY + """
                 WHERE id IN (SELECT id FROM notification_logs
                               WHERE status = 'failed' AND (CAST(:rule_id AS bigint) IS NULL OR rule_id = :rule_id)
                               ORDER BY id
                               LIMIT :limit
                               FOR UPDATE SKIP LOCKED)
                RETURNING id""", Params.of("rule_id", ruleId).and("limit", limit), Long.class);
    }

    /** Fan-outs newest first, optionally of one event and/or rule. */
    List<Fanout> fanouts(@Nullable Long eventId, @Nullable Long ruleId, @Nullable Long before, int limit) {
        return db.list(
                """
                SELECT id, event_id, rule_id, group_id, audience, total, created, status, created_at, updated_at
                  FROM notification_fanouts
                 WHERE (CAST(:event_id AS bigint) IS NULL OR event_id = :event_id)
                   AND (CAST(:rule_id AS bigint) IS NULL OR rule_id = :rule_id)
                   AND (CAST(:before AS bigint) IS NULL OR id < :before)
                 ORDER BY id DESC
                 LIMIT :limit""",
                Params.of("event_id", eventId)
                        .and("rule_id", ruleId)
                        .and("before", before)
                        .and("limit", limit),
                Fanout.class);
    }
}
