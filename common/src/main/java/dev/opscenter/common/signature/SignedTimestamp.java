package dev.opscenter.common.signature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * SignedTimestamp is a generic sender's replay protection: a header carrying Unix seconds, and a format saying how
 * that timestamp joins the body before the HMAC, such as {@code {timestamp}.{body}} (Stripe) or
 * {@code v0:{timestamp}:{body}} (Slack). A captured request stops verifying once it is older than the tolerance.
 */
public record SignedTimestamp(String header, String format, Duration tolerance) {
    /** Where the timestamp goes in the signed text. */
    public static final String TIMESTAMP = "{timestamp}";
    /** Where the raw body goes in the signed text. */
    public static final String BODY = "{body}";
    /** The default format, as Stripe signs. */
    public static final String DEFAULT_FORMAT = TIMESTAMP + "." + BODY;

    /** Checks the format names each of {timestamp} and {body} exactly once. */
    public SignedTimestamp {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("timestamp header is required");
        }
        format = format == null || format.isBlank() ? DEFAULT_FORMAT : format;
        if (once(format, TIMESTAMP) || once(format, BODY)) {
            throw new IllegalArgumentException("format must contain {timestamp} and {body} once each: " + format);
        }
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance must be positive");
        }
    }

    /** Rejects a missing, malformed or stale timestamp; null means it is fresh. */
    Verification.Rejected refuse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return new Verification.Rejected(Verification.Reason.MISSING_SIGNATURE, header + " header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return new Verification.Rejected(Verification.Reason.MALFORMED_SIGNATURE, header + " is not Unix seconds");
        }
        return Timestamps.fresh(seconds, now, tolerance)
                ? null
                : Verification.stale(
                        "timestamp is outside the " + tolerance.toSeconds() + "-second tolerance", seconds, now);
    }

    /** The signed text as parts: what precedes the body, the body, what follows it. */
    byte[][] payload(String timestamp, byte[] body) {
        String filled = format.replace(TIMESTAMP, timestamp.trim());
        int at = filled.indexOf(BODY);
        return new byte[][] {
            filled.substring(0, at).getBytes(StandardCharsets.UTF_8),
            body,
            filled.substring(at + BODY.length()).getBytes(StandardCharsets.UTF_8)
        };
    }

    private static boolean once(String format, String token) {
        int first = format.indexOf(token);
        return first < 0 || format.indexOf(token, first + 1) >= 0;
    }
}
