package dev.opscenter.ingress.relay;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.sql.Rows;
import dev.opscenter.common.vocabulary.DeliveryStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * TestDeliveries stores what {@code POST /api/subscriptions/{id}/test} sends: an event of type {@value #TYPE} from the
 * event source of that name, stored already processed so the worker never plans it for any other subscription, and
 * one delivery of it to the tested subscription, due now. The worker sends it as any other delivery.
 */
@Singleton
final class TestDeliveries {
    /** The test event's type and the name of the (inactive) event source it comes from. */
    static final String TYPE = "opscenter.test";

    private static final Database.RowMapper<FirstAttempt> FIRST_ATTEMPT = Rows.of(FirstAttempt.class);

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    TestDeliveries(Database db, TransactionOperations<Connection> tx, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.json = json;
    }

    /** What storing a test delivery came to. */
    sealed interface Stored {
        /** The test event and its delivery, committed pending and due. */
        record Queued(long deliveryId, long eventId) implements Stored {}

        /** No such subscription. */
        record Missing() implements Stored {}

        /** The subscription is off: the worker would fail the delivery unsent. */
        record Inactive() implements Stored {}
    }

    /** Stores the test event and its one delivery in one transaction, if the subscription exists and is active. */
    Stored store(long subscriptionId, Instant now) {
        return tx.executeWrite(status -> {
            // FOR SHARE: not deleted nor switched off until the delivery is committed
            Optional<Boolean> active = db.one(
                    "SELECT is_active FROM subscriptions WHERE id = :id FOR SHARE",
                    Params.of("id", subscriptionId),
                    Boolean.class);
            if (active.isEmpty()) {
                return new Stored.Missing();
            }
            if (!active.get()) {
                return new Stored.Inactive();
            }
            long eventId = insertEvent(subscriptionId, now);
            long deliveryId = db.one(
                            """
                            INSERT INTO deliveries (event_id, subscription_id, next_attempt_at, created_at, updated_at)
                            VALUES (:event_id, :subscription_id, :now, :now, :now)
                            RETURNING id""",
                            Params.of("event_id", eventId)
                                    .and("subscription_id", subscriptionId)
                                    .and("now", now),
                            Long.class)
                    .orElseThrow();
            return new Stored.Queued(deliveryId, eventId);
        });
    }

    private long insertEvent(long subscriptionId, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("message", "test delivery from OpsCenter");
        payload.put("subscription", subscriptionId);
        String body = Json.write(json, payload);
        return db.one(
                        """
                        INSERT INTO webhook_events (event_source_id, event_type, delivery_id, raw_body, payload, content_type,
                                                    status, received_at, processed_at)
                        VALUES (:event_source_id, :type, :delivery_id, :raw_body, CAST(:payload AS jsonb), 'application/json',
                                'processed', :now, :now)
                        RETURNING id""",
                        Params.of("event_source_id", eventSource())
                                .and("type", TYPE)
                                .and("delivery_id", "test_" + UUID.randomUUID())
                                .and("raw_body", body.getBytes(StandardCharsets.UTF_8))
                                .and("payload", body)
                                .and("now", now),
                        Long.class)
                .orElseThrow();
    }

    /**
     * The {@value #TYPE} event source, created inactive the first time (so {@code POST /api/events} cannot trigger
     * events through it). Two statements: the select's snapshot then sees a row another request just committed.
     */
    private long eventSource() {
        db.update("""
                INSERT INTO event_sources (name, description, is_active)
                VALUES (:name, 'Test deliveries sent by POST /api/subscriptions/{id}/test', false)
                ON CONFLICT (name) DO NOTHING""", Params.of("name", TYPE));
        return db.one("SELECT id FROM event_sources WHERE name = :name", Params.of("name", TYPE), Long.class)
                .orElseThrow();
    }

    /** Where a test delivery stands. */
    sealed interface Progress {
        /** Not attempted yet. */
        record Waiting() implements Progress {}

        /** Its first attempt, or its failure before any (the subscription was turned off meanwhile). */
        record Attempted(FirstAttempt attempt) implements Progress {}

        /** Deleted with its subscription. */
        record Gone() implements Progress {}
    }

    /**
     * A test delivery after its first attempt, as {@code /test} answers it.
     *
     * @param status     the delivery's status now: succeeded, pending (a retryable answer: it is tried again on the
     *                   schedule) or failed
     * @param statusCode the receiver's HTTP status, null when it did not answer
     * @param latencyMs  how long the receiver took, null when nothing was sent
     * @param error      why the attempt failed, null when it succeeded
     */
    @Serdeable
    record FirstAttempt(
            long deliveryId,
            long eventId,
            DeliveryStatus status,
            @Nullable Integer statusCode,
            @Nullable Integer latencyMs,
            @Nullable String responseBody,
            @Nullable String error) {}

    /** The delivery's first attempt, read with the status it led to (the worker writes both in one transaction). */
    Progress progress(long deliveryId) {
        return db.one(
                        """
                        SELECT d.id AS delivery_id, d.event_id, d.status, a.status_code, a.latency_ms, a.response_body,
                               CASE WHEN a.attempt IS NULL THEN d.last_error ELSE a.error END AS error,
                               a.attempt IS NOT NULL OR d.status = 'failed' AS attempted
                          FROM deliveries d
                          LEFT JOIN LATERAL (SELECT attempt, status_code, latency_ms, response_body, error
                                               FROM delivery_attempts
                                              WHERE delivery_id = d.id
                                              ORDER BY attempt
                                              LIMIT 1) a ON true
                         WHERE d.id = :id""",
                        Params.of("id", deliveryId),
                        r -> r.getBoolean("attempted")
                                ? new Progress.Attempted(FIRST_ATTEMPT.map(r))
                                : new Progress.Waiting())
                .orElseGet(Progress.Gone::new);
    }
}
