package dev.opscenter.ingress.event;

import io.micronaut.core.annotation.Nullable;

/** IncomingWebhook is a verified request ready to be stored, with the body exactly as received. */
record IncomingWebhook(long sourceId, @Nullable String eventType, @Nullable String deliveryId, byte[] rawBody,
                       @Nullable String payloadJson, @Nullable String contentType, String headersJson,
                       @Nullable String signature, @Nullable String clientIp) {
}
