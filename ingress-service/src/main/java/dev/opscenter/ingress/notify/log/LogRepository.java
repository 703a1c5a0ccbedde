package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.common.vocabulary.FanoutStatus;
import dev.opscenter.common.vocabulary.NotificationStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** LogRepository reads notification logs and fan-outs, and puts failed notifications back to pending. */
@Singleton
final class LogRepository {
    private static final String COLUMNS = """
            id, event_id, alert_id, rule_id, channel_id, channel_type, recipient, subject, body, status, attempts,
            next_attempt_at, last_error, response_code, suppressed_count, sent_at, created_at, updated_at""";
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
    List<NotificationLog> list(@Nullable NotificationStatus status, @Nullable Long channelId, @Nullable Long ruleId,
                               @Nullable Long before, int limit) {
        String statusName = status == null ? null : status.wire();
        return db.list("SELECT " + COLUMNS + """
                 FROM notification_logs
                WHERE (CAST(? AS text) IS NULL OR status = ?)
                  AND (CAST(? AS bigint) IS NULL OR channel_id = ?)
                  AND (CAST(? AS bigint) IS NULL OR rule_id = ?)
                  AND (CAST(? AS bigint) IS NULL OR id < ?)
                ORDER BY id DESC
                LIMIT ?""", s -> {
            s.setString(1, statusName);
            s.setString(2, statusName);
            Columns.setLong(s, 3, channelId);
            Columns.setLong(s, 4, channelId);
            Columns.setLong(s, 5, ruleId);
            Columns.setLong(s, 6, ruleId);
            Columns.setLong(s, 7, before);
            Columns.setLong(s, 8, before);
            s.setInt(9, limit);
        }, this::map);
    }

    Optional<NotificationLog> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM notification_logs WHERE id = ?", s -> s.setLong(1, id), this::map);
    }

    /** Puts one failed notification back to pending; false if it is not (or no longer) failed. */
    boolean retry(long id) {
        return db.update(RETRY + " WHERE id = ? AND status = 'failed'", s -> s.setLong(1, id)) == 1;
    }

    /** Puts the failed ones among these ids back to pending; returns their ids. */
    List<Long> retry(List<Long> ids) {
        return db.list(RETRY + " WHERE id = ANY (?) AND status = 'failed' RETURNING id",
                s -> s.setArray(1, s.getConnection().createArrayOf("bigint", ids.toArray())), r -> r.getLong(1));
    }

    /** Puts up to {@code limit} failed notifications (of one rule, if given) back to pending, oldest first; returns their ids. */
    List<Long> retryFailed(@Nullable Long ruleId, int limit) {
        return db.list(RETRY + """
                 WHERE id IN (SELECT id FROM notification_logs
                               WHERE status = 'failed' AND (CAST(? AS bigint) IS NULL OR rule_id = ?)
                               ORDER BY id
                               LIMIT ?
                               FOR UPDATE SKIP LOCKED)
                RETURNING id""", s -> {
            Columns.setLong(s, 1, ruleId);
            Columns.setLong(s, 2, ruleId);
            s.setInt(3, limit);
        }, r -> r.getLong(1));
    }

    /** Fan-outs newest first, optionally of one event and/or rule. */
    List<Fanout> fanouts(@Nullable Long eventId, @Nullable Long ruleId, @Nullable Long before, int limit) {
        return db.list("""
                SELECT id, event_id, rule_id, group_id, total, created, status, created_at, updated_at
                  FROM notification_fanouts
                 WHERE (CAST(? AS bigint) IS NULL OR event_id = ?)
                   AND (CAST(? AS bigint) IS NULL OR rule_id = ?)
                   AND (CAST(? AS bigint) IS NULL OR id < ?)
                 ORDER BY id DESC
                 LIMIT ?""", s -> {
            Columns.setLong(s, 1, eventId);
            Columns.setLong(s, 2, eventId);
            Columns.setLong(s, 3, ruleId);
            Columns.setLong(s, 4, ruleId);
            Columns.setLong(s, 5, before);
            Columns.setLong(s, 6, before);
            s.setInt(7, limit);
        }, r -> new Fanout(r.getLong("id"), r.getLong("event_id"), r.getLong("rule_id"), r.getLong("group_id"),
                r.getInt("total"), r.getInt("created"), FanoutStatus.parse(r.getString("status")), Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at")));
    }

    private NotificationLog map(ResultSet r) throws SQLException {
        int code = r.getInt("response_code");
        Integer responseCode = r.wasNull() ? null : code;
        return new NotificationLog(r.getLong("id"), r.getLong("event_id"), Columns.nullableLong(r, "alert_id"), r.getLong("rule_id"),
                r.getLong("channel_id"), ChannelType.parse(r.getString("channel_type")), r.getString("recipient"),
                r.getString("subject"), r.getString("body"), NotificationStatus.parse(r.getString("status")), r.getInt("attempts"), Columns.instant(r, "next_attempt_at"),
                r.getString("last_error"), responseCode, r.getInt("suppressed_count"), Columns.instant(r, "sent_at"),
                Columns.instant(r, "created_at"), Columns.instant(r, "updated_at"));
    }
}
