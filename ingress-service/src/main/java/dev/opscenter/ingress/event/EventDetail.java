package dev.opscenter.ingress.event;

import dev.opscenter.common.vocabulary.EventStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * EventDetail is one event with everything stored about it.
 *
 * @param sourceId      the webhook source, null for a triggered event
 * @param eventSourceId the event source of a triggered event, null for a webhook
 * @param source        the webhook source's slug or the event source's name
 * @param payload       the parsed JSON body (null for a raw-format source)
 * @param body          the body as text, present only when there is no parsed payload
 */
@Serdeable
record EventDetail(
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
        @Nullable Instant processingStartedAt,
        @Nullable Instant processedAt,
        @Nullable Long processingMs,
        @Nullable Object payload,
        @Nullable String body,
        Map<String, Object> headers,
        @Nullable String signature,
        @Nullable String clientIp,
        @Nullable String contentType,
        @Nullable Long alertId) {}
