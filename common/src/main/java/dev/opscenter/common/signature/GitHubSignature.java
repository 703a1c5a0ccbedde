package dev.opscenter.common.signature;

import dev.opscenter.common.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** GitHubSignature checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(body)>}. */
public final class GitHubSignature {
    /** The header GitHub signs with. */
    public static final String HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";

    private GitHubSignature() {}

    /** Verifies the header value against the raw body. */
    public static Verification verify(String secret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verification.rejected(Verification.Reason.MISSING_SIGNATURE, HEADER + " header is missing");
        }
        if (!header.startsWith(PREFIX)) {
            return Verification.rejected(Verification.Reason.MALFORMED_SIGNATURE, HEADER + " must start with sha256=");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return Verification.rejected(Verification.Reason.MALFORMED_SIGNATURE, HEADER + " is not hex");
        }
        byte[] expected = Hmac.SHA256.mac(secret.getBytes(StandardCharsets.UTF_8), body);
        return Hmac.constantTimeEquals(expected, given)
                ? Verification.VERIFIED
                : Verification.rejected(Verification.Reason.SIGNATURE_MISMATCH, "signature does not match the body");
    }

    /** The header value GitHub would send for this body; used by tests, the demo and the benchmark. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + Hmac.SHA256.hex(secret.getBytes(StandardCharsets.UTF_8), body);
    }
}
