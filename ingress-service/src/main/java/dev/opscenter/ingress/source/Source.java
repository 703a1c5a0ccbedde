package dev.opscenter.ingress.source;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.signature.GenericSignature;
import java.time.Instant;
import java.util.Map;

/**
 * Source is a configured webhook sender. The secret is held decrypted only in memory, never serialized.
 *
 * @param settings scheme options (generic: header, algorithm, encoding, prefix, deliveryIdHeader, eventTypeHeader)
 */
public record Source(long id, String name, String slug, SourceKind kind, String secret, Map<String, Object> settings,
                     boolean active, Instant createdAt, Instant updatedAt) {

    /** A string setting, or the fallback when absent or blank. */
    public String setting(String key, String fallback) {
        Object value = settings == null ? null : settings.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    /** The generic HMAC scheme these settings describe; throws IllegalArgumentException when they are invalid. */
    public GenericSignature genericSignature() {
        return genericSignature(settings == null ? Map.of() : settings);
    }

    static GenericSignature genericSignature(Map<String, Object> s) {
        Object algorithm = s.get("algorithm");
        Object encoding = s.get("encoding");
        try {
            return new GenericSignature((String) s.get("header"),
                    algorithm == null ? null : Hmac.parse(algorithm.toString()),
                    encoding == null ? null : GenericSignature.Encoding.parse(encoding.toString()),
                    (String) s.get("prefix"));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("header and prefix must be text", e);
        }
    }
}
