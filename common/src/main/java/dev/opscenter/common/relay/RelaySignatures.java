package dev.opscenter.common.relay;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.signature.StandardWebhooks;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RelaySignatures signs a relayed body twice, for two kinds of receiver:
 *
 * <ul>
 *   <li>Standard Webhooks: {@code webhook-id} (stable across retries), {@code webhook-timestamp} (this attempt),
 *       {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>} keyed with the secret's decoded bytes;
 *   <li>a plain header (its name set per subscription, {@code X-OpsCenter-Signature} by default): the base64
 *       HMAC-SHA256 of the body alone, keyed with the secret exactly as shown ({@code whsec_…}, as UTF-8), as receivers
 *       of the original relay design compute it.
 * </ul>
 *
 * While a rotated-out secret is still valid, {@code webhook-signature} carries both signatures (space-separated, as
 * the standard allows) and the plain header the new one, with the old one in {@code <header>-Previous}.
 */
public final class RelaySignatures {
    /** Suffix of the header carrying the plain signature with the previous secret during a rotation. */
    public static final String PREVIOUS_SUFFIX = "-Previous";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RelaySignatures() {}

    /** A new secret: {@code whsec_} and the base64 of 24 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The signature headers of one attempt, in order.
     *
     * @param previousSecret the rotated-out secret while it is still valid, else null
     */
    public static Map<String, String> headers(
            String messageId,
            Instant at,
            byte[] body,
            String secret,
            @Nullable String previousSecret,
            String plainHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StandardWebhooks.ID_HEADER, messageId);
        headers.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(at.getEpochSecond()));
        String standard = StandardWebhooks.sign(secret, messageId, at, body);
        if (previousSecret != null) {
            standard += " " + StandardWebhooks.sign(previousSecret, messageId, at, body);
        }
        headers.put(StandardWebhooks.SIGNATURE_HEADER, standard);
        headers.put(plainHeader, plain(secret, body));
        if (previousSecret != null) {
            headers.put(plainHeader + PREVIOUS_SUFFIX, plain(previousSecret, body));
        }
        return headers;
    }

    /** The plain signature: base64 of HMAC-SHA256 over the body, keyed with the secret's text. */
    public static String plain(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Hmac.SHA256.mac(secret.getBytes(StandardCharsets.UTF_8), body));
    }
}
