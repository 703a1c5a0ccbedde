package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.alert.NotificationRows;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * NotificationStore holds the SQL of sending: claiming a notification, and recording each outcome. An outcome returns
 * the row as it now stands, which is what the live socket reports; empty when the notification was no longer sending
 * (its outcome was already recorded), so nothing stale is reported.
 */
@Singleton
final class NotificationStore {
    private final Database db;
    private final SecretCipher cipher;
    private final JsonMapper json;

    NotificationStore(Database db, SecretCipher cipher, JsonMapper json) {
        this.db = db;
        this.cipher = cipher;
        this.json = json;
    }

    /** A notification claimed for sending, with its channel, its event's source name and its alert's severity. */
    record Claimed(
            long id,
            long eventId,
            @Nullable Long alertId,
            long ruleId,
            String recipient,
            @Nullable String subject,
            String body,
            int attempts,
            ChannelConfig channel,
            boolean channelActive,
            @Nullable String source,
            @Nullable String severity) {}

    /**
     * Marks the notification sending and counts the attempt, if it is due: pending and its time has come, or sending
     * for longer than the send timeout (its sender died). Empty otherwise: finished, not due yet, or in hand elsewhere.
     */
    Optional<Claimed> claim(long id, Instant now, Duration sendTimeout) {
        Optional<Object[]> row = db.one(
                """
                UPDATE notification_logs
                   SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?, updated_at = now()
                 WHERE id = ?
                   AND ((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))
                        OR (status = 'sending' AND next_attempt_at <= ?))
                RETURNING id, event_id, alert_id, rule_id, channel_id, recipient, subject, body, attempts""",
                s -> {
                    s.setTimestamp(1, Timestamp.from(now.plus(sendTimeout)));
                    s.setLong(2, id);
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setTimestamp(4, Timestamp.from(now));
                },
                r -> new Object[] {
                    r.getLong("id"),
                    r.getLong("event_id"),
                    Columns.nullableLong(r, "alert_id"),
                    r.getLong("rule_id"),
                    r.getLong("channel_id"),
                    r.getString("recipient"),
                    r.getString("subject"),
                    r.getString("body"),
                    r.getInt("attempts")
                });
        return row.map(x -> {
            long channelId = (Long) x[4];
            // the source and severity ride along for chat channels (Slack's context block)
            Object[] channel = db.one(
                            """
                    SELECT c.type, c.config::text AS config, c.secret_encrypted, c.is_active,
                           (SELECT COALESCE(ws.name, es.name) FROM webhook_events e
                              LEFT JOIN webhook_sources ws ON ws.id = e.source_id
                              LEFT JOIN event_sources es ON es.id = e.event_source_id
                             WHERE e.id = ?) AS source,
                           (SELECT a.severity FROM alerts a WHERE a.id = ?) AS severity
                      FROM channels c WHERE c.id = ?""",
                            s -> {
                                s.setLong(1, (Long) x[1]);
                                if (x[2] == null) {
                                    s.setNull(2, java.sql.Types.BIGINT);
                                } else {
                                    s.setLong(2, (Long) x[2]);
                                }
                                s.setLong(3, channelId);
                            },
                            r -> new Object[] {
                                r.getString("type"),
                                r.getString("config"),
                                r.getBytes("secret_encrypted"),
                                r.getBoolean("is_active"),
                                r.getString("source"),
                                r.getString("severity")
                            })
                    .orElseThrow();
            ChannelConfig config = ChannelConfig.stored(
                    channelId,
                    ChannelType.parse((String) channel[0]),
                    Json.readMap(json, (String) channel[1]),
                    (byte[]) channel[2],
                    cipher);
            return new Claimed(
                    (Long) x[0],
                    (Long) x[1],
                    (Long) x[2],
                    (Long) x[3],
                    (String) x[5],
                    (String) x[6],
                    (String) x[7],
                    (Integer) x[8],
                    config,
                    (Boolean) channel[3],
                    (String) channel[4],
                    (String) channel[5]);
        });
    }

    Optional<NotificationMessage> sent(long id, @Nullable Integer responseCode, Instant now) {
        return db.one(
                """
                UPDATE notification_logs
                   SET status = 'sent', sent_at = ?, response_code = ?, next_attempt_at = NULL, updated_at = now()
                 WHERE id = ? AND status = 'sending'
                RETURNING\s""" + NotificationRows.COLUMNS,
                s -> {
                    s.setTimestamp(1, Timestamp.from(now));
                    setInteger(s, 2, responseCode);
                    s.setLong(3, id);
                },
                NotificationRows::map);
    }

    /** Back to pending until {@code due}; {@code countAttempt} false when it was only held back by a rate limit. */
    Optional<NotificationMessage> retryAt(
            long id, Instant due, @Nullable String error, @Nullable Integer responseCode, boolean countAttempt) {
        return db.one(
                """
                UPDATE notification_logs
                   SET status = 'pending', next_attempt_at = ?, last_error = COALESCE(?, last_error),
                       response_code = COALESCE(?, response_code), attempts = attempts - ?, updated_at = now()
                 WHERE id = ? AND status = 'sending'
                RETURNING\s""" + NotificationRows.COLUMNS,
                s -> {
                    s.setTimestamp(1, Timestamp.from(due));
                    s.setString(2, error);
                    setInteger(s, 3, responseCode);
                    s.setInt(4, countAttempt ? 0 : 1);
                    s.setLong(5, id);
                },
                NotificationRows::map);
    }

    Optional<NotificationMessage> failed(long id, String error, @Nullable Integer responseCode) {
        return db.one(
                """
                UPDATE notification_logs
                   SET status = 'failed', last_error = ?, response_code = COALESCE(?, response_code), next_attempt_at = NULL,
                       updated_at = now()
                 WHERE id = ? AND status = 'sending'
                RETURNING\s""" + NotificationRows.COLUMNS,
                s -> {
                    s.setString(1, error);
                    setInteger(s, 2, responseCode);
                    s.setLong(3, id);
                },
                NotificationRows::map);
    }

    private static void setInteger(java.sql.PreparedStatement s, int index, @Nullable Integer value)
            throws java.sql.SQLException {
        if (value == null) {
            s.setNull(index, java.sql.Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
