package dev.opscenter.worker.notify.channel;

import java.util.Map;

/**
 * Message is one rendered notification: subject (may be null), body, the alert or event document for the webhook
 * channel (may be null), and an idempotency key such as {@code ntf_123} that stays the same across retries.
 */
public record Message(String subject, String body, Map<String, Object> data, String idempotencyKey) {

    /** The subject, a blank line and the body, or the body alone when there is no subject: what chat and SMS show. */
    public String text() {
        return subject == null || subject.isBlank() ? body : subject + "\n\n" + body;
    }
}
