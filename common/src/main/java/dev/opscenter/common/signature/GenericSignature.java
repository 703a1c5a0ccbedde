package dev.opscenter.common.signature;

import dev.opscenter.common.crypto.Hmac;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * GenericSignature is a configurable HMAC over the raw body: which header carries it, the algorithm,
 * hex or base64, an optional prefix such as {@code sha256=}, and optionally a signed timestamp.
 *
 * @param timestamp null when the sender signs the body alone (then nothing bounds a replay's age)
 */
public record GenericSignature(
        String header,
        Hmac algorithm,
        Encoding encoding,
        String prefix,
        @Nullable SignedTimestamp timestamp) {
    /** The header a generic sender signs in unless configured otherwise. */
    public static final String DEFAULT_HEADER = "X-Signature";

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
        header = header == null || header.isBlank() ? DEFAULT_HEADER : header;
        algorithm = algorithm == null ? Hmac.SHA256 : algorithm;
        encoding = encoding == null ? Encoding.HEX : encoding;
        prefix = prefix == null ? "" : prefix;
    }

    /** A scheme without a signed timestamp. */
    public GenericSignature(String header, Hmac algorithm, Encoding encoding, String prefix) {
        this(header, algorithm, encoding, prefix, null);
    }

    /** Verifies the request's headers against the raw body and, with a signed timestamp, its freshness at now. */
    public Verification verify(String secret, byte[] body, Headers headers, Instant now) {
        String value = headers.first(header).orElse(null);
        if (timestamp == null) {
            return verify(secret, body, value);
        }
        String sent = headers.first(timestamp.header()).orElse(null);
        Verification.Rejected refused = timestamp.refuse(sent, now);
        if (refused != null) {
            return refused;
        }
        return check(secret, value, timestamp.payload(sent, body));
    }

    /** Verifies the header value against the raw body alone. */
    public Verification verify(String secret, byte[] body, String value) {
        return check(secret, value, body);
    }

    private Verification check(String secret, String value, byte[]... signed) {
        if (value == null || value.isBlank()) {
            return Verification.rejected(Verification.Reason.MISSING_SIGNATURE, header + " header is missing");
        }
        if (!value.startsWith(prefix)) {
            return Verification.rejected(
                    Verification.Reason.MALFORMED_SIGNATURE, header + " must start with " + prefix);
        }
        byte[] given;
        try {
            String encoded = value.substring(prefix.length()).trim();
            given = encoding == Encoding.HEX
                    ? HexFormat.of().parseHex(encoded.toLowerCase(Locale.ROOT))
                    : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Verification.rejected(
                    Verification.Reason.MALFORMED_SIGNATURE,
                    header + " is not " + encoding.name().toLowerCase(Locale.ROOT));
        }
        byte[] expected = algorithm.mac(secret.getBytes(StandardCharsets.UTF_8), signed);
        return Hmac.constantTimeEquals(expected, given)
                ? Verification.VERIFIED
                : Verification.rejected(Verification.Reason.SIGNATURE_MISMATCH, "signature does not match the body");
    }

    /** The header value this configuration expects for a body (without a signed timestamp). */
    public String sign(String secret, byte[] body) {
        return encode(algorithm.mac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** The header value this configuration expects for a body sent at this time; needs a signed timestamp. */
    public String sign(String secret, byte[] body, Instant at) {
        return encode(algorithm.mac(
                secret.getBytes(StandardCharsets.UTF_8), timestamp.payload(Long.toString(at.getEpochSecond()), body)));
    }

    private String encode(byte[] mac) {
        return prefix
                + (encoding == Encoding.HEX
                        ? HexFormat.of().formatHex(mac)
                        : Base64.getEncoder().encodeToString(mac));
    }
}
