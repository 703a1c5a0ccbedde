package dev.opscenter.ingress.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** EventSummary is one row of the events list. */
@Serdeable
record EventSummary(long id, long sourceId, String source, @Nullable String eventType, @Nullable String deliveryId,
                    String status, int attempts, @Nullable String error, Instant receivedAt, @Nullable Instant processedAt,
                    @Nullable Long processingMs) {
}
