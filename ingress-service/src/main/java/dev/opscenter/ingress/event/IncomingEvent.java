package dev.opscenter.ingress.event;

import io.micronaut.core.annotation.Nullable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * IncomingEvent is a verified webhook or an authenticated triggered event, ready to be stored with its body exactly as
 * received. Exactly one of {@code sourceId} and {@code eventSourceId} is set; each origin de-duplicates on its own
 * (origin, delivery id) key.
 *
 * @param sourceId      the webhook source; null for a triggered event
 * @param eventSourceId the event source of a triggered event; null for a webhook
 * @param apiKeyId      the API key that triggered the event; null for a webhook
 * @param replayWindow  how long the same body from the same webhook source counts as a repeat; zero keeps no window
 * @param bodySha256    SHA-256 of the raw body, the replay window's key; null when the event keeps no window (nothing
 *                      looks it up, so it is neither computed nor stored and indexed)
 * @param deliveryId    the provider's delivery id or the caller's event_id; null when there is none (never a repeat)
 * @param payloadJson   a triggered event's payload as JSON text for the {@code jsonb} column; null for a webhook
 * @param bodyIsJson    whether the raw body is the JSON payload (a webhook of a JSON source), read from it when needed
 */
public record IncomingEvent(
        @Nullable Long sourceId,
        @Nullable Long eventSourceId,
        @Nullable Long apiKeyId,
        Duration replayWindow,
        @Nullable byte[] bodySha256,
        @Nullable String eventType,
        @Nullable String deliveryId,
        byte[] rawBody,
        @Nullable String payloadJson,
        boolean bodyIsJson,
        @Nullable String contentType,
        String headersJson,
        @Nullable String signature,
        @Nullable String clientIp) {

    /** A webhook whose signature was verified; {@code json}: its body parsed as JSON (else a raw-format source). */
    public static IncomingEvent webhook(
            long sourceId,
            Duration replayWindow,
            @Nullable String eventType,
            @Nullable String deliveryId,
            byte[] rawBody,
            boolean json,
            @Nullable String contentType,
            String headersJson,
            @Nullable String signature,
            @Nullable String clientIp) {
        return new IncomingEvent(
                sourceId,
                null,
                null,
                replayWindow,
                replayWindow.isZero() ? null : sha256(rawBody),
                eventType,
                deliveryId,
                rawBody,
                null,
                json,
                contentType,
                headersJson,
                signature,
                clientIp);
    }

    /** An event triggered with an API key; its type is the event source's name, its delivery id the caller's event_id. */
    public static IncomingEvent triggered(
            long eventSourceId,
            long apiKeyId,
            String name,
            String eventId,
            byte[] rawBody,
            String payloadJson,
            @Nullable String contentType,
            String headersJson,
            @Nullable String clientIp) {
        return new IncomingEvent(
                null,
                eventSourceId,
                apiKeyId,
                Duration.ZERO,
                null,
                name,
                eventId,
                rawBody,
                payloadJson,
                false,
                contentType,
                headersJson,
                null,
                clientIp);
    }

    /**
     * Whether its body is JSON that cannot be stored as the text every reader takes it for ({@link JsonText#storable}):
     * refused as PostgreSQL's {@code jsonb} refuses a triggered event's payload when it is stored.
     */
    boolean unstorableJson() {
        return bodyIsJson && !JsonText.storable(rawBody);
    }

    /** SHA-256 of a body, as stored in {@code webhook_events.body_sha256}. */
    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Whether a webhook source sent it (else it was triggered). */
    boolean webhook() {
        return sourceId != null;
    }
}
