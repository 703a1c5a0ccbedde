package dev.opscenter.ingress.notify.channel;

import dev.opscenter.common.crypto.SealedText;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.ingress.api.FieldErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * WebhookHeaders keeps a webhook channel's custom header values (where receivers expect tokens) write-only: sealed
 * with the secret cipher at rest, shown as {@link #MASK}, and a masked value sent back on update keeps the stored one
 * unless the destination changed (then the value must be entered again, like the secret).
 */
final class WebhookHeaders {
    /** What the API shows instead of a header value, and what a client sends back to keep it. */
    static final String MASK = "********";

    private WebhookHeaders() {}

    /** The config with every header value masked, for responses. */
    static Map<String, Object> masked(Map<String, Object> config) {
        return mapValues(config, value -> MASK);
    }

    /** The config with every header value not sealed yet sealed, for storage. */
    static Map<String, Object> sealed(Map<String, Object> config, SecretCipher cipher) {
        return mapValues(config, value -> SealedText.isSealed(value) ? value : SealedText.seal(cipher, value));
    }

    /**
     * The config with masked values replaced by the stored sealed ones. A masked value with nothing stored behind it,
     * or sent while the destination changed, is an error on {@code config.headers.<name>}.
     */
    static Map<String, Object> unmasked(
            Map<String, Object> config, Map<String, Object> stored, boolean destinationChanged, FieldErrors errors) {
        Map<?, ?> storedHeaders = stored.get("headers") instanceof Map<?, ?> m ? m : Map.of();
        if (!(config.get("headers") instanceof Map<?, ?> headers)) {
            return config;
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (MASK.equals(value)) {
                Object kept = storedHeaders.get(name);
                if (kept == null || destinationChanged) {
                    errors.add(
                            "config.headers." + name,
                            destinationChanged
                                    ? "enter the value again: the destination changed"
                                    : "no stored value to keep");
                }
                resolved.put(String.valueOf(name), kept);
            } else {
                resolved.put(String.valueOf(name), value);
            }
        });
        Map<String, Object> result = new LinkedHashMap<>(config);
        result.put("headers", resolved);
        return result;
    }

    private static Map<String, Object> mapValues(Map<String, Object> config, UnaryOperator<String> change) {
        if (!(config.get("headers") instanceof Map<?, ?> headers)) {
            return config;
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        headers.forEach((name, value) ->
                changed.put(String.valueOf(name), value instanceof String s ? change.apply(s) : value));
        Map<String, Object> result = new LinkedHashMap<>(config);
        result.put("headers", changed);
        return result;
    }
}
