package dev.opscenter.ingress.relay;

import dev.opscenter.common.crypto.SealedText;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.ingress.api.FieldErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * SubscriptionHeaders keeps a subscription's custom header values (where receivers expect tokens) write-only, as
 * webhook channels do: sealed with the secret cipher at rest ({@link SealedText}, which the worker opens), shown as
 * {@link #MASK}, and a masked value sent back on update keeps the stored one unless the URL changed.
 */
final class SubscriptionHeaders {
    /** What the API shows instead of a header value, and what a client sends back to keep it. */
    static final String MASK = "********";

    private SubscriptionHeaders() {}

    static Map<String, String> masked(Map<String, String> headers) {
        return mapValues(headers, value -> MASK);
    }

    static Map<String, String> sealed(Map<String, String> headers, SecretCipher cipher) {
        return mapValues(headers, value -> SealedText.isSealed(value) ? value : SealedText.seal(cipher, value));
    }

    /**
     * The headers with masked values replaced by the stored sealed ones. A masked value with nothing stored behind it,
     * or sent while the URL changed, is an error on {@code headers.<name>}.
     */
    static Map<String, String> unmasked(
            Map<String, String> headers, Map<String, String> stored, boolean urlChanged, FieldErrors errors) {
        Map<String, String> resolved = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!MASK.equals(value)) {
                resolved.put(name, value);
                return;
            }
            String kept = stored.get(name);
            if (kept == null || urlChanged) {
                errors.add(
                        "headers." + name,
                        urlChanged ? "enter the value again: the URL changed" : "no stored value to keep");
            }
            resolved.put(name, kept);
        });
        return resolved;
    }

    private static Map<String, String> mapValues(Map<String, String> headers, UnaryOperator<String> change) {
        Map<String, String> changed = new LinkedHashMap<>();
        headers.forEach((name, value) -> changed.put(name, change.apply(value)));
        return changed;
    }
}
