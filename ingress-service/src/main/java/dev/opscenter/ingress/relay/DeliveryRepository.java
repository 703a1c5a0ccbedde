package dev.opscenter.ingress.relay;

import dev.opscenter.common.relay.DeliveryMessage;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.DeliveryStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** DeliveryRepository reads deliveries and their attempts, and puts failed deliveries back to pending. */
@Singleton
final class DeliveryRepository {
    /**
     * What a retry does: due now with a fresh set of attempts; the attempt count and the last error are kept, so the
     * attempt log numbers on and people still see why it failed.
     */
    private static final String RETRY = """
            UPDATE deliveries
               SET status = 'pending', next_attempt_at = :now, attempts_before_retry = attempts, updated_at = :now
            """;

    private final Database db;

    DeliveryRepository(Database db) {
        this.db = db;
    }

    /** Newest first, keyset-paged by id. */
    List<DeliveryMessage> list(
            @Nullable Long subscriptionId,
            @Nullable Long eventId,
            @Nullable DeliveryStatus status,
            @Nullable Long before,
            int limit) {
        return db.list(
                "SELECT " + DeliveryMessage.COLUMNS + """
                 FROM deliveries
                WHERE (CAST(:subscription_id AS bigint) IS NULL OR subscription_id = :subscription_id)
                  AND (CAST(:event_id AS bigint) IS NULL OR event_id = :event_id)
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:before AS bigint) IS NULL OR id < :before)
                ORDER BY id DESC
                LIMIT :limit""",
                Params.of("subscription_id", subscriptionId)
                        .and("event_id", eventId)
                        .and("status", status)
                        .and("before", before)
                        .and("limit", limit),
                DeliveryMessage.class);
    }

    Optional<DeliveryMessage> find(long id) {
        return db.one(
                "SELECT " + DeliveryMessage.COLUMNS + " FROM deliveries WHERE id = :id",
                Params.of("id", id),
                DeliveryMessage.class);
    }

    /** The delivery's attempts, oldest first. */
    List<DeliveryAttempt> attempts(long deliveryId) {
        return db.list("""
                SELECT attempt, attempted_at, status_code, latency_ms, response_body, error
                  FROM delivery_attempts
                 WHERE delivery_id = :delivery_id
                 ORDER BY attempt""", Params.of("delivery_id", deliveryId), DeliveryAttempt.class);
    }

    /** Puts one failed delivery back to pending, due now; empty if it is not (or no longer) failed. */
    Optional<DeliveryMessage> retry(long id, Instant now) {
        return db.one(
                RETRY + " WHERE id = :id AND status = 'failed' RETURNING " + DeliveryMessage.COLUMNS,
                Params.of("id", id).and("now", now),
                DeliveryMessage.class);
    }

    /** Puts every failed delivery of the subscription back to pending, due now, in one statement; returns their ids. */
    List<Long> retryFailed(long subscriptionId, Instant now) {
        return db.list(
                RETRY + " WHERE subscription_id = :subscription_id AND status = 'failed' RETURNING id",
                Params.of("subscription_id", subscriptionId).and("now", now),
                Long.class);
    }
}
