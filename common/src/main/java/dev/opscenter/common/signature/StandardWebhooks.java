package dev.opscenter.common.signature;

import dev.opscenter.common.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * StandardWebhooks implements the Standard Webhooks (Svix) scheme: {@code webhook-id}, {@code webhook-timestamp}
 * and {@code webhook-signature: v1,<base64 HMAC-SHA256("<id>.<ts>.<body>")>} (space-separated list), with a
 * {@code whsec_<base64>} secret.
 */
public final class StandardWebhooks {
    /** Message id header; also the delivery id used for de-duplication. */
    public static final String ID_HEADER = "webhook-id";
    /** Unix seconds header. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** Signature list header. */
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooks() {}

    /** Verifies the three headers against the raw body. */
    public static Verification verify(String secret, byte[] body, Headers headers, Instant now, Duration tolerance) {
        String id = headers.first(ID_HEADER).orElse(null);
        String timestamp = headers.first(TIMESTAMP_HEADER).orElse(null);
        String signatures = headers.first(SIGNATURE_HEADER).orElse(null);
        if (id == null || timestamp == null || signatures == null) {
            return Verification.rejected(
                    Verification.Reason.MISSING_SIGNATURE,
                    "webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verification.rejected(Verification.Reason.MALFORMED_SIGNATURE, "webhook-timestamp is not a number");
        }
        byte[] expected = mac(secret, id, timestamp.trim(), body);
        boolean matched = false;
        for (String entry : signatures.trim().split(" +", -1)) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue; // other versions (v1a asymmetric) are not ours to check
            }
            try {
                matched |= Hmac.constantTimeEquals(expected, Base64.getDecoder().decode(entry.substring(comma + 1)));
            } catch (IllegalArgumentException e) {
                // malformed entry never matches
            }
        }
        if (!matched) {
            return Verification.rejected(Verification.Reason.SIGNATURE_MISMATCH, "no v1 signature matches the body");
        }
        return Timestamps.fresh(seconds, now, tolerance)
                ? Verification.VERIFIED
                : Verification.stale(
                        "webhook-timestamp is outside the " + tolerance.toMinutes() + "-minute tolerance",
                        seconds,
                        now);
    }

    /** The {@code webhook-signature} value for a message: {@code v1,<base64>}. */
    public static String sign(String secret, String id, Instant at, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(secret, id, Long.toString(at.getEpochSecond()), body));
    }

    /** Decodes a {@code whsec_} secret to key bytes; a secret without the prefix is taken as base64 too. */
    public static byte[] secretKey(String secret) {
        String b64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(b64);
    }

    private static byte[] mac(String secret, String id, String timestamp, byte[] body) {
        return Hmac.SHA256.mac(secretKey(secret), (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
