package dev.opscenter.worker.relay;

import dev.opscenter.common.crypto.SealedText;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.event.EventPayload;
import dev.opscenter.common.relay.DeliveryMessage;
import dev.opscenter.common.relay.RelayedEvent;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DeliveryStore holds the SQL of relaying: claiming a delivery with its subscription and event, and recording each
 * attempt with the status it leads to, in one transaction. An outcome returns the row as it now stands, which is what
 * the live socket reports; empty when the delivery was no longer sending (its outcome was already recorded).
 */
@Singleton
final class DeliveryStore {
    /** Fails a delivery in hand: {@code :error}, {@code :status_code} (may be null), {@code :refund}, {@code :id}. */
    private static final String FAIL = """
            UPDATE deliveries
               SET status = 'failed', last_error = :error, last_status_code = COALESCE(:status_code, last_status_code),
                   attempts = attempts - :refund, next_attempt_at = NULL, updated_at = now()
             WHERE id = :id AND status = 'sending'
            RETURNING\s""" + DeliveryMessage.COLUMNS;

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final EndpointGuard guard;

    DeliveryStore(
            Database db,
            TransactionOperations<Connection> tx,
            SecretCipher cipher,
            JsonMapper json,
            EndpointGuard guard) {
        this.db = db;
        this.tx = tx;
        this.cipher = cipher;
        this.json = json;
        this.guard = guard;
    }

    /**
     * A delivery claimed for sending: its attempt number, where it goes and how it is signed, and the event.
     *
     * @param previousSecret     the rotated-out secret while it is still valid, else null
     * @param headers            the subscription's custom headers
     * @param rateLimitPerSecond the subscription's limit, null for none
     * @param breakerOpenUntil   the subscription's circuit breaker is open until then; null when closed
     */
    record Claimed(
            long id,
            int attempts,
            int tries,
            long subscriptionId,
            @Nullable Integer rateLimitPerSecond,
            @Nullable Instant breakerOpenUntil,
            boolean active,
            String url,
            String secret,
            @Nullable String previousSecret,
            String signatureHeader,
            Map<String, String> headers,
            RelayedEvent event) {}

    /**
     * Marks the delivery sending and counts the attempt, if it is due: pending and its time has come, or sending for
     * longer than the send timeout (its sender died). Empty otherwise: finished, not due yet, or in hand elsewhere.
     */
    Optional<Claimed> claim(long id, Instant now, Duration sendTimeout) {
        return db.one(
                """
                WITH claimed AS (
                    UPDATE deliveries
                       SET status = 'sending', attempts = attempts + 1, next_attempt_at = :send_deadline, updated_at = now()
                     WHERE id = :id
                       AND ((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= :now))
                            OR (status = 'sending' AND next_attempt_at <= :now))
                    RETURNING id, event_id, subscription_id, attempts, attempts - attempts_before_retry AS tries)
                SELECT c.id, c.attempts, c.tries, s.id AS subscription_id, s.rate_limit_per_second, s.breaker_open_until,
                       s.is_active, s.url, s.secret_encrypted, s.signature_header, s.headers::text AS headers,
                       CASE WHEN s.previous_secret_expires_at > :now THEN s.previous_secret_encrypted END AS previous_secret,
                       e.id AS event_id, e.delivery_id, e.event_type, COALESCE(ws.slug, es.name) AS source, e.received_at,
                       """ + EventPayload.COLUMNS + """
                  FROM claimed c
                  JOIN subscriptions s ON s.id = c.subscription_id
                  JOIN webhook_events e ON e.id = c.event_id
                  LEFT JOIN webhook_sources ws ON ws.id = e.source_id
                  LEFT JOIN event_sources es ON es.id = e.event_source_id""",
                Params.of("send_deadline", now.plus(sendTimeout)).and("id", id).and("now", now),
                r -> {
                    byte[] previous = r.getBytes("previous_secret");
                    Map<String, String> headers = new LinkedHashMap<>();
                    // header values are stored sealed, as channels' are
                    Json.readMap(json, r.getString("headers"))
                            .forEach((k, v) -> headers.put(k, SealedText.open(cipher, String.valueOf(v))));
                    return new Claimed(
                            r.getLong("id"),
                            r.getInt("attempts"),
                            r.getInt("tries"),
                            r.getLong("subscription_id"),
                            (Integer) r.getObject("rate_limit_per_second"),
                            Columns.instant(r, "breaker_open_until"),
                            r.getBoolean("is_active"),
                            r.getString("url"),
                            cipher.decrypt(r.getBytes("secret_encrypted")),
                            previous == null ? null : cipher.decrypt(previous),
                            r.getString("signature_header"),
                            headers,
                            new RelayedEvent(
                                    r.getLong("event_id"),
                                    r.getString("delivery_id"),
                                    r.getString("event_type"),
                                    r.getString("source"),
                                    Columns.instant(r, "received_at"),
                                    EventPayload.read(r).text()));
                });
    }

    /**
     * One attempt as the receiver answered it.
     *
     * @param statusCode   the HTTP status, null when there was no reply
     * @param responseBody the start of the reply body (at most 2 KB), null when there was none
     * @param error        why it failed, null on success
     */
    record Attempt(
            int attempt,
            Instant attemptedAt,
            @Nullable Integer statusCode,
            Duration latency,
            @Nullable String responseBody,
            @Nullable String error) {}

    /**
     * What recording an outcome came to: the delivery as it now stands (empty when its outcome was already recorded)
     * and the event recorded because the subscription was switched off meanwhile, to enqueue after the commit.
     */
    record Recorded(Optional<DeliveryMessage> row, Optional<Long> disabledEvent) {}

    /**
     * Sends the delivery back to pending until {@code until} without an attempt: the claim's count is taken back
     * (rate limit, open circuit breaker).
     */
    Optional<DeliveryMessage> deferred(long id, Instant until) {
        return db.one("""
                UPDATE deliveries
                   SET status = 'pending', attempts = attempts - 1, next_attempt_at = :until, updated_at = now()
                 WHERE id = :id AND status = 'sending'
                RETURNING\s""" + DeliveryMessage.COLUMNS, Params.of("until", until).and("id", id), DeliveryMessage.class);
    }

    /** Records the attempt and the success. */
    Recorded succeeded(long id, Attempt attempt) {
        return recorded(
                id,
                attempt,
                true,
                false,
                """
                UPDATE deliveries
                   SET status = 'succeeded', delivered_at = :now, last_status_code = :status_code, next_attempt_at = NULL,
                       updated_at = now()
                 WHERE id = :id AND status = 'sending'
                RETURNING\s""" + DeliveryMessage.COLUMNS,
                Params.of("now", attempt.attemptedAt())
                        .and("status_code", attempt.statusCode())
                        .and("id", id));
    }

    /** Records the attempt; back to pending until {@code due}. {@code probe}: it went through a half-open breaker. */
    Recorded retryAt(long id, Attempt attempt, boolean probe, Instant due) {
        return recorded(
                id,
                attempt,
                false,
                probe,
                """
                UPDATE deliveries
                   SET status = 'pending', next_attempt_at = :due, last_error = :error,
                       last_status_code = COALESCE(:status_code, last_status_code), updated_at = now()
                 WHERE id = :id AND status = 'sending'
                RETURNING\s""" + DeliveryMessage.COLUMNS,
                Params.of("due", due)
                        .and("error", attempt.error())
                        .and("status_code", attempt.statusCode())
                        .and("id", id));
    }

    /** Records the attempt and the failure; only a manual retry brings the delivery back. */
    Recorded failed(long id, Attempt attempt, boolean probe, String error) {
        return recorded(id, attempt, false, probe, FAIL, failure(id, error, attempt.statusCode(), 0));
    }

    /**
     * Fails a delivery that was not attempted (its subscription is off, or its earlier attempts never reported back);
     * {@code refund} takes back the attempt the claim counted when nothing was sent.
     */
    Optional<DeliveryMessage> failedUnsent(long id, String error, boolean refund) {
        return db.one(FAIL, failure(id, error, null, refund ? 1 : 0), DeliveryMessage.class);
    }

    private static Params failure(long id, String error, @Nullable Integer statusCode, int refund) {
        return Params.of("error", error)
                .and("status_code", statusCode)
                .and("refund", refund)
                .and("id", id);
    }

    /**
     * The attempt row, the status it leads to and the subscription's endpoint record, in one transaction: replicas
     * recording attempts of one subscription at once take its row in turn. {@code probe}: the attempt went through a
     * half-open breaker.
     */
    private Recorded recorded(long id, Attempt attempt, boolean success, boolean probe, String update, Params params) {
        return tx.executeWrite(status -> {
            db.update(
                    """
                    INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, response_body, error)
                    VALUES (:delivery_id, :attempt, :attempted_at, :status_code, :latency_ms, :response_body, :error)
                    ON CONFLICT (delivery_id, attempt) DO NOTHING""",
                    Params.of("delivery_id", id)
                            .and("attempt", attempt.attempt())
                            .and("attempted_at", attempt.attemptedAt())
                            .and("status_code", attempt.statusCode())
                            .and("latency_ms", (int) Math.min(
                                    Integer.MAX_VALUE, attempt.latency().toMillis()))
                            .and("response_body", attempt.responseBody())
                            .and("error", attempt.error()));
            Optional<DeliveryMessage> row = db.one(update, params, DeliveryMessage.class);
            if (row.isEmpty()) {
                return new Recorded(row, Optional.empty()); // recorded already, and counted then
            }
            long subscription = row.get().subscriptionId();
            if (success) {
                guard.succeeded(subscription);
                return new Recorded(row, Optional.empty());
            }
            String error = attempt.error() == null ? "failed" : attempt.error();
            return new Recorded(row, guard.failed(subscription, attempt.attemptedAt(), probe, error));
        });
    }
}
