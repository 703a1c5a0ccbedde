package dev.opscenter.common.signature;

import dev.opscenter.common.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * GenericSignature is a configurable HMAC over the raw body: which header carries it, the algorithm,
 * hex or base64, and an optional prefix such as {@code sha256=}.
 */
public record GenericSignature(String header, Hmac algorithm, Encoding encoding, String prefix) {

    /** How the MAC is written in the header. */
    public enum Encoding {
        HEX,
        BASE64;

        /** Parses {@code hex} or {@code base64}. */
        public static Encoding parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** Defaults: {@code X-Signature}, sha256, hex, no prefix. */
    public GenericSignature {
        header = header == null || header.isBlank() ? "X-Signature" : header;
        algorithm = algorithm == null ? Hmac.SHA256 : algorithm;
        encoding = encoding == null ? Encoding.HEX : encoding;
        prefix = prefix == null ? "" : prefix;
    }

    /** Verifies the header value against the raw body. */
    public Verification verify(String secret, byte[] body, String value) {
        if (value == null || value.isBlank()) {
            return Verification.rejected(Verification.Reason.MISSING_SIGNATURE, header + " header is missing");
        }
        if (!value.startsWith(prefix)) {
            return Verification.rejected(Verification.Reason.MALFORMED_SIGNATURE, header + " must start with " + prefix);
        }
        byte[] given;
        try {
            String encoded = value.substring(prefix.length()).trim();
            given = encoding == Encoding.HEX ? HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT))
                    : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Verification.rejected(Verification.Reason.MALFORMED_SIGNATURE, header + " is not " + encoding.name().toLowerCase(Locale.ROOT));
        }
        byte[] expected = algorithm.mac(secret.getBytes(StandardCharsets.UTF_8), body);
        return Hmac.constantTimeEquals(expected, given)
                ? Verification.VERIFIED
                : Verification.rejected(Verification.Reason.SIGNATURE_MISMATCH, "signature does not match the body");
    }

    /** The header value this configuration expects for a body. */
    public String sign(String secret, byte[] body) {
        byte[] mac = algorithm.mac(secret.getBytes(StandardCharsets.UTF_8), body);
        return prefix + (encoding == Encoding.HEX ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac));
    }
}
