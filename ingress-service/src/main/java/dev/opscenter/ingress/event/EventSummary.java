package dev.opscenter.ingress.event;

import dev.opscenter.common.vocabulary.EventStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * EventSummary is one row of the events list.
 *
 * @param sourceId      the webhook source, null for a triggered event
 * @param eventSourceId the event source of a triggered event, null for a webhook
 * @param source        the webhook source's slug or the event source's name
 */
@Serdeable
record EventSummary(
        long id,
        @Nullable Long sourceId,
        @Nullable Long eventSourceId,
        String source,
        @Nullable String eventType,
        @Nullable String deliveryId,
        EventStatus status,
        int attempts,
        @Nullable String error,
        Instant receivedAt,
        @Nullable Instant processedAt,
        @Nullable Long processingMs) {}
