package dev.opscenter.ingress.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * EventDetail is one event with everything stored about it.
 *
 * @param payload the parsed JSON body (null for a raw-format source)
 * @param body    the body as text, present only when there is no parsed payload
 */
@Serdeable
record EventDetail(long id, long sourceId, String source, @Nullable String eventType, @Nullable String deliveryId,
                   String status, int attempts, @Nullable String error, Instant receivedAt,
                   @Nullable Instant processingStartedAt, @Nullable Instant processedAt, @Nullable Long processingMs,
                   @Nullable Object payload, @Nullable String body, Map<String, Object> headers, @Nullable String signature,
                   @Nullable String clientIp, @Nullable String contentType, @Nullable Long alertId) {
}
