package dev.opscenter.worker.notify.channel;

import dev.opscenter.common.net.RefusedAddressException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;

/**
 * HttpOutcome decides retry-worthiness from an HTTP status: 2xx Sent; 408, 425, 429, 5xx Retryable (honouring
 * Retry-After seconds or HTTP-date, capped at 1 h); other 4xx Permanent; I/O errors and timeouts Retryable.
 * Redirects are not followed, so a 3xx is Permanent too: a moved endpoint needs a configuration change. Error texts
 * keep the status, its standard reason and at most a provider's short error field, never a reply body, so a channel
 * pointed at some other service cannot read that service's answers back through the notification log.
 */
public final class HttpOutcome {
    /** The longest wait a provider's Retry-After can impose; beyond it the notification would be stale anyway. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /** The longest provider error field kept; anything longer is cut. */
    static final int MAX_REASON = 160;
    /** The one text for every exchange without a reply: refused, reset, filtered or slow ports all read the same. */
    public static final String NO_REPLY = "no reply: the connection failed or timed out";

    private final Clock clock;

    public HttpOutcome(Clock clock) {
        this.clock = clock;
    }

    /**
     * Classifies a reply; {@code text} (a provider's own error field, may be null) is sanitised and becomes the
     * detail of a success or the error of a failure, else the status's standard reason does.
     */
    public SendResult classify(int status, String retryAfter, String text) {
        String reason = sanitised(text);
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(status, reason == null ? "" : reason);
        }
        String standard = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
        String error = "HTTP " + status + (reason != null ? ": " + reason : standard != null ? " " + standard : "");
        if (retryable(status)) {
            return new SendResult.Retryable(retryAfter(retryAfter), status, error);
        }
        return new SendResult.Permanent(status, error);
    }

    /** Whether a failed status is worth retrying: the peer is overloaded, slow or broken, not refusing the message. */
    public static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /**
     * An exchange that got no reply. A destination the outbound guard refused is Permanent (a configuration fix);
     * anything else (refused, reset, TLS failure, timeout) is Retryable with one fixed text, so the stored error does
     * not tell an open port from a closed or filtered one.
     */
    public SendResult failure(IOException e) {
        if (e instanceof RefusedAddressException refused) {
            return new SendResult.Permanent(null, "destination not allowed: the host resolves to " + refused.reason());
        }
        return new SendResult.Retryable(null, null, NO_REPLY);
    }

    /** The text with control characters replaced and runs of blanks collapsed, cut to a short reason; null when blank. */
    static String sanitised(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\s]+", " ").strip();
        if (clean.isEmpty()) {
            return null;
        }
        return clean.length() <= MAX_REASON ? clean : TextSplitter.truncate(clean, MAX_REASON);
    }

    /** The wait a Retry-After value asks for (delta-seconds or HTTP-date), capped; null when absent or unreadable. */
    public Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Duration wait;
        if (v.chars().allMatch(Character::isDigit)) {
            wait = v.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                wait = Duration.between(
                        clock.instant(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
