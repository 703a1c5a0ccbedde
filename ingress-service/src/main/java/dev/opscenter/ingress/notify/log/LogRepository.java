package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.alert.NotificationRows;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.vocabulary.FanoutStatus;
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
        String statusName = status == null ? null : status.wire();
        return db.list(
                "SELECT " + NotificationRows.COLUMNS + """
                 FROM notification_logs
                WHERE (CAST(? AS text) IS NULL OR status = ?)
                  AND (CAST(? AS bigint) IS NULL OR channel_id = ?)
                  AND (CAST(? AS bigint) IS NULL OR rule_id = ?)
                  AND (CAST(? AS bigint) IS NULL OR id < ?)
                ORDER BY id DESC
                LIMIT ?""",
                s -> {
                    s.setString(1, statusName);
                    s.setString(2, statusName);
                    Columns.setLong(s, 3, channelId);
                    Columns.setLong(s, 4, channelId);
                    Columns.setLong(s, 5, ruleId);
                    Columns.setLong(s, 6, ruleId);
                    Columns.setLong(s, 7, before);
                    Columns.setLong(s, 8, before);
                    s.setInt(9, limit);
                },
                NotificationRows::map);
    }

    Optional<NotificationMessage> find(long id) {
        return db.one(
                "SELECT " + NotificationRows.COLUMNS + " FROM notification_logs WHERE id = ?",
                s -> s.setLong(1, id),
                NotificationRows::map);
    }

    /** Puts one failed notification back to pending; false if it is not (or no longer) failed. */
    boolean retry(long id) {
        return db.update(RETRY + " WHERE id = ? AND status = 'failed'", s -> s.setLong(1, id)) == 1;
    }

    /** Puts the failed ones among these ids back to pending; returns their ids. */
    List<Long> retry(List<Long> ids) {
        return db.list(
                RETRY + " WHERE id = ANY (?) AND status = 'failed' RETURNING id",
                s -> s.setArray(1, s.getConnection().createArrayOf("bigint", ids.toArray())),
                r -> r.getLong(1));
    }

    /** Puts up to {@code limit} failed notifications (of one rule, if given) back to pending, oldest first; returns their ids. */
    List<Long> retryFailed(@Nullable Long ruleId, int limit) {
        return db.list(
                RETRY + """
                 WHERE id IN (SELECT id FROM notification_logs
                               WHERE status = 'failed' AND (CAST(? AS bigint) IS NULL OR rule_id = ?)
                               ORDER BY id
                               LIMIT ?
                               FOR UPDATE SKIP LOCKED)
                RETURNING id""",
                s -> {
                    Columns.setLong(s, 1, ruleId);
                    Columns.setLong(s, 2, ruleId);
                    s.setInt(3, limit);
                },
                r -> r.getLong(1));
    }

    /** Fan-outs newest first, optionally of one event and/or rule. */
    List<Fanout> fanouts(@Nullable Long eventId, @Nullable Long ruleId, @Nullable Long before, int limit) {
        return db.list(
                """
                SELECT id, event_id, rule_id, group_id, total, created, status, created_at, updated_at
                  FROM notification_fanouts
                 WHERE (CAST(? AS bigint) IS NULL OR event_id = ?)
                   AND (CAST(? AS bigint) IS NULL OR rule_id = ?)
                   AND (CAST(? AS bigint) IS NULL OR id < ?)
                 ORDER BY id DESC
                 LIMIT ?""",
                s -> {
                    Columns.setLong(s, 1, eventId);
                    Columns.setLong(s, 2, eventId);
                    Columns.setLong(s, 3, ruleId);
                    Columns.setLong(s, 4, ruleId);
                    Columns.setLong(s, 5, before);
                    Columns.setLong(s, 6, before);
                    s.setInt(7, limit);
                },
                r -> new Fanout(
                        r.getLong("id"),
                        r.getLong("event_id"),
                        r.getLong("rule_id"),
                        r.getLong("group_id"),
                        r.getInt("total"),
                        r.getInt("created"),
                        FanoutStatus.parse(r.getString("status")),
                        Columns.instant(r, "created_at"),
                        Columns.instant(r, "updated_at")));
    }
}
