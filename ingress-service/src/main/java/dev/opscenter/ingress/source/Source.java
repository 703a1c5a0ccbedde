package dev.opscenter.ingress.source;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.signature.GenericSignature;
import dev.opscenter.common.signature.SignedTimestamp;
import dev.opscenter.common.vocabulary.SourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Source is a configured webhook sender. The secret is held decrypted only in memory, never serialized.
 *
 * @param settings scheme options (generic: header, algorithm, encoding, prefix, deliveryIdHeader, eventTypeHeader,
 *                 timestampHeader, signedPayload, timestampTolerance; every kind: dedupeWindow, allowWeak)
 */
public record Source(
        long id,
        String name,
        String slug,
        SourceKind kind,
        String secret,
        Map<String, Object> settings,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    /** A string setting, or the fallback when absent or blank. */
    public String setting(String key, String fallback) {
        Object value = settings == null ? null : settings.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    /** How long a body seen before counts as a replay of it; zero (the default) keeps no such window. */
    public Duration dedupeWindow() {
        return seconds(settings == null ? Map.of() : settings, "dedupeWindow", Duration.ZERO);
    }

    /**
     * The generic HMAC scheme these settings describe, a signed timestamp defaulting to {@code tolerance};
     * throws IllegalArgumentException when they are invalid.
     */
    public GenericSignature genericSignature(Duration tolerance) {
        return genericSignature(settings == null ? Map.of() : settings, tolerance);
    }

    static GenericSignature genericSignature(Map<String, Object> s, Duration tolerance) {
        Object algorithm = s.get("algorithm");
        Object encoding = s.get("encoding");
        try {
            String timestampHeader = (String) s.get("timestampHeader");
            SignedTimestamp timestamp = timestampHeader == null || timestampHeader.isBlank()
                    ? null
                    : new SignedTimestamp(
                            timestampHeader,
                            (String) s.get("signedPayload"),
                            seconds(s, "timestampTolerance", tolerance));
            return new GenericSignature(
                    (String) s.get("header"),
                    algorithm == null ? null : Hmac.parse(algorithm.toString()),
                    encoding == null ? null : GenericSignature.Encoding.parse(encoding.toString()),
                    (String) s.get("prefix"),
                    timestamp);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("header, prefix, timestampHeader and signedPayload must be text", e);
        }
    }

    /** A whole number of seconds; throws IllegalArgumentException for anything else. */
    static Duration seconds(Map<String, Object> s, String key, Duration fallback) {
        Object value = s.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0) {
            return Duration.ofSeconds(n.longValue());
        }
        throw new IllegalArgumentException(key + " must be a whole number of seconds");
    }
}
