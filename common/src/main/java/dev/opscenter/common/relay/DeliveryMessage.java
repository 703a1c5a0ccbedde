package dev.opscenter.common.relay;

import dev.opscenter.common.vocabulary.DeliveryStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * DeliveryMessage is one event relayed to one subscription and what became of it: a row of {@code GET
 * /api/deliveries}, and the data of a {@code delivery} message on the live socket (one shape for both).
 *
 * @param lastStatusCode the receiver's HTTP status on the last attempt, if it answered
 * @param lastError      why the last attempt failed; kept when a later attempt succeeds
 */
@Serdeable
public record DeliveryMessage(
        long id,
        long eventId,
        long subscriptionId,
        DeliveryStatus status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable Instant deliveredAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The columns of {@code deliveries} this record maps, in its order. */
    public static final String COLUMNS = "id, event_id, subscription_id, status, attempts, next_attempt_at, "
            + "last_status_code, last_error, delivered_at, created_at, updated_at";
}
