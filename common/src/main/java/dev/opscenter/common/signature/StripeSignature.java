package dev.opscenter.common.signature;

import dev.opscenter.common.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * StripeSignature checks {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]} where each v1 is
 * HMAC-SHA256 of {@code "<t>.<body>"}. Any matching v1 is enough (Stripe sends several while a secret rolls).
 */
public final class StripeSignature {
    /** The header Stripe signs with. */
    public static final String HEADER = "Stripe-Signature";

    private StripeSignature() {}

    /** Verifies the header against the raw body, rejecting timestamps further than tolerance from now. */
    public static Verification verify(String secret, byte[] body, String header, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verification.rejected(Verification.Reason.MISSING_SIGNATURE, HEADER + " header is missing");
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                timestamp = value;
            } else if (key.equals("v1")) {
                try {
                    signatures.add(HexFormat.of().parseHex(value));
                } catch (IllegalArgumentException e) {
                    // a malformed entry cannot match; the others may
                }
            }
        }
        if (timestamp == null) {
            return Verification.rejected(Verification.Reason.MALFORMED_SIGNATURE, HEADER + " has no t= timestamp");
        }
        if (signatures.isEmpty()) {
            return Verification.rejected(Verification.Reason.MISSING_SIGNATURE, HEADER + " has no v1 signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verification.rejected(
                    Verification.Reason.MALFORMED_SIGNATURE, HEADER + " timestamp is not a number");
        }
        byte[] expected = Hmac.SHA256.mac(
                secret.getBytes(StandardCharsets.UTF_8), (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        boolean matched = false;
        for (byte[] candidate : signatures) {
            matched |= Hmac.constantTimeEquals(expected, candidate);
        }
        if (!matched) {
            return Verification.rejected(Verification.Reason.SIGNATURE_MISMATCH, "no v1 signature matches the body");
        }
        return Timestamps.fresh(seconds, now, tolerance)
                ? Verification.VERIFIED
                : Verification.stale(
                        "timestamp is outside the " + tolerance.toMinutes() + "-minute tolerance", seconds, now);
    }

    /** The header value Stripe would send for this body at this time. */
    public static String sign(String secret, byte[] body, Instant at) {
        String t = Long.toString(at.getEpochSecond());
        return "t=" + t + ",v1="
                + Hmac.SHA256.hex(
                        secret.getBytes(StandardCharsets.UTF_8), (t + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
