package dev.opscenter.ingress.source;

import dev.opscenter.common.signature.Headers;
import dev.opscenter.common.signature.StandardWebhooks;
import io.micronaut.core.annotation.Nullable;

/**
 * EventIdentity is what kind of event a webhook is and the provider's id for this delivery (the de-duplication key).
 *
 * @param type       provider event type, e.g. {@code workflow_run} or {@code charge.failed}; null if the provider gives none
 * @param deliveryId provider delivery id; null when the provider gives none (then nothing is de-duplicated)
 */
public record EventIdentity(@Nullable String type, @Nullable String deliveryId) {
    private static final int MAX = 255;

    /** The top-level string fields of a JSON body, as far as an identity needs them. */
    public interface Fields {
        /** No body to read (a raw-format source). */
        Fields NONE = field -> null;

        /** The top-level field's value if it is a string; null if missing or not a string. */
        @Nullable
        String text(String field);
    }

    /** Reads the identity where the source's provider puts it. */
    public static EventIdentity of(Source source, Headers headers, Fields payload) {
        return switch (source.kind()) {
            case GITHUB ->
                new EventIdentity(
                        headers.first("X-GitHub-Event").orElse(null),
                        headers.first("X-GitHub-Delivery").orElse(null));
            case STRIPE -> new EventIdentity(payload.text("type"), payload.text("id"));
            case STANDARD ->
                new EventIdentity(
                        payload.text("type"),
                        headers.first(StandardWebhooks.ID_HEADER).orElse(null));
            case GENERIC ->
                new EventIdentity(
                        headers.first(source.setting("eventTypeHeader", "X-Event-Type"))
                                .orElseGet(() -> firstNonNull(payload.text("type"), payload.text("event"))),
                        headers.first(source.setting("deliveryIdHeader", "X-Webhook-Id"))
                                .orElseGet(
                                        () -> headers.first("Idempotency-Key").orElse(null)));
        };
    }

    /** Trims both values to the stored length. */
    public EventIdentity {
        type = clip(type);
        deliveryId = clip(deliveryId);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String clip(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return s.length() > MAX ? s.substring(0, MAX) : s;
    }
}
