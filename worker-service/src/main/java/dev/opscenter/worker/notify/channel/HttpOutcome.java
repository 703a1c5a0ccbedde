package dev.opscenter.worker.notify.channel;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * HttpOutcome decides retry-worthiness from an HTTP status: 2xx Sent; 408, 425, 429, 5xx Retryable (honouring
 * Retry-After seconds or HTTP-date, capped at 1 h); other 4xx Permanent; I/O errors and timeouts Retryable.
 * Redirects are not followed, so a 3xx is Permanent too: a moved endpoint needs a configuration change.
 */
public final class HttpOutcome {
    /** The longest wait a provider's Retry-After can impose; beyond it the notification would be stale anyway. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Clock clock;

    public HttpOutcome(Clock clock) {
        this.clock = clock;
    }

    /** Classifies a reply; {@code text} becomes the detail of a success or the error of a failure. */
    public SendResult classify(int status, String retryAfter, String text) {
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(status, text);
        }
        String error = "HTTP " + status + (text == null || text.isBlank() ? "" : ": " + text);
        if (retryable(status)) {
            return new SendResult.Retryable(retryAfter(retryAfter), status, error);
        }
        return new SendResult.Permanent(status, error);
    }

    /** Whether a failed status is worth retrying: the peer is overloaded, slow or broken, not refusing the message. */
    public static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    /** An exchange that got no reply: connection refused or reset, TLS failure, timeout. */
    public SendResult failure(IOException e) {
        // JDK HttpClient exception messages name neither the URL nor its query, so they are safe to keep.
        String what = e instanceof HttpTimeoutException ? "timed out" : "I/O error";
        String message = e.getMessage() != null ? e.getMessage()
                : e.getCause() != null ? e.getCause().toString() : e.getClass().getSimpleName();
        return new SendResult.Retryable(null, null, what + ": " + message);
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
                wait = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
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
