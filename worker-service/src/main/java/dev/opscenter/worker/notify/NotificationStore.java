package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.alert.NotificationRows;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
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
        Optional<ClaimedRow> row = db.one(
                """
                UPDATE notification_logs
                   SET status = 'sending', attempts = attempts + 1, next_attempt_at = :send_deadline, updated_at = now()
                 WHERE id = :id
                   AND ((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= :now))
                        OR (status = 'sending' AND next_attempt_at <= :now))
                RETURNING id, event_id, alert_id, rule_id, channel_id, recipient, subject, body, attempts""",
                Params.of("send_deadline", now.plus(sendTimeout)).and("id", id).and("now", now),
                ClaimedRow.class);
        return row.map(x -> {
            // the source and severity ride along for chat channels (Slack's context block)
            ChannelRow channel = db.one(
                            """
                    SELECT c.type, c.config::text AS config, c.secret_encrypted, c.is_active,
                           (SELECT COALESCE(ws.name, es.name) FROM webhook_events e
                              LEFT JOIN webhook_sources ws ON ws.id = e.source_id
                              LEFT JOIN event_sources es ON es.id = e.event_source_id
                             WHERE e.id = :event_id) AS source,
                           (SELECT a.severity FROM alerts a WHERE a.id = :alert_id) AS severity
                      FROM channels c WHERE c.id = :channel_id""",
                            Params.of("event_id", x.eventId())
                                    .and("alert_id", x.alertId())
                                    .and("channel_id", x.channelId()),
                            ChannelRow.class)
                    .orElseThrow();
            ChannelConfig config = ChannelConfig.stored(
                    x.channelId(),
                    ChannelType.parse(channel.type()),
                    Json.readMap(json, channel.config()),
                    channel.secretEncrypted(),
                    cipher);
            return new Claimed(
                    x.id(),
                    x.eventId(),
                    x.alertId(),
                    x.ruleId(),
                    x.recipient(),
                    x.subject(),
                    x.body(),
                    x.attempts(),
                    config,
                    channel.isActive(),
                    channel.source(),
                    channel.severity());
        });
    }

    /** The notification row a claim returns. */
    @Introspected
    record ClaimedRow(
            long id,
            long eventId,
            @Nullable Long alertId,
            long ruleId,
            long channelId,
            String recipient,
            @Nullable String subject,
            String body,
            int attempts) {}

    /** The channel of a claimed notification, with its event's source name and its alert's severity. */
    @Introspected
    record ChannelRow(
            String type,
            String config,
            @Nullable byte[] secretEncrypted,
            boolean isActive,
            @Nullable String source,
            @Nullable String severity) {}

    Optional<NotificationMessage> sent(long id, @Nullable Integer responseCode, Instant now) {
        return db.one(
                """
                UPDATE notification_logs
                   SET status = 'sent', sent_at = :now, response_code = :response_code, next_attempt_at = NULL,
                       updated_at = now()
                 WHERE id = :id AND status = 'sending'
                RETURNING\s""" + NotificationRows.COLUMNS,
                Params.of("now", now).and("response_code", responseCode).and("id", id),
                NotificationRows::map);
    }

    /** Back to pending until {@code due}; {@code countAttempt} false when it was only held back by a rate limit. */
    Optional<NotificationMessage> retryAt(
            long id, Instant due, @Nullable String error, @Nullable Integer responseCode, boolean countAttempt) {
        return db.one(
                """
                UPDATE notification_logs
                   SET status = 'pending', next_attempt_at = :due, last_error = COALESCE(:error, last_error),
                       response_code = COALESCE(:response_code, response_code), attempts = attempts - :attempt_refund,
                       updated_at = now()
                 WHERE id = :id AND status = 'sending'
                RETURNING\s""" + NotificationRows.COLUMNS,
                Params.of("due", due)
                        .and("error", error)
                        .and("response_code", responseCode)
                        .and("attempt_refund", countAttempt ? 0 : 1)
                        .and("id", id),
                NotificationRows::map);
    }

    Optional<NotificationMessage> failed(long id, String error, @Nullable Integer responseCode) {
        return db.one(
                """
                UPDATE notification_logs
                   SET status = 'failed', last_error = :error, response_code = COALESCE(:response_code, response_code),
                       next_attempt_at = NULL, updated_at = now()
                 WHERE id = :id AND status = 'sending'
                RETURNING\s""" + NotificationRows.COLUMNS,
                Params.of("error", error).and("response_code", responseCode).and("id", id),
                NotificationRows::map);
    }
}
