package dev.opscenter.worker.alert;

import io.micronaut.core.annotation.Nullable;

/** StoredEvent is an event row with its source, as processing needs it. */
record StoredEvent(long id, long sourceId, String kind, String source, String sourceName, @Nullable String eventType,
                   @Nullable String payloadJson, byte[] rawBody, String headersJson) {
}
