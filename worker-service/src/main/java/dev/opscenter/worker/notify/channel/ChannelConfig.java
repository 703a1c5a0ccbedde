package dev.opscenter.worker.notify.channel;

import dev.opscenter.common.crypto.SealedText;
import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.vocabulary.ChannelType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ChannelConfig is one configured channel as a sender needs it: its type, its JSON settings and its decrypted secret
 * (may be null). {@link #toString()} leaves the secret out, so a logged config never leaks it.
 */
public record ChannelConfig(long id, ChannelType type, Map<String, Object> config, String secret) {

    public ChannelConfig {
        config = config == null ? Map.of() : config;
    }

    /** A channel as stored: the secret decrypted, and sealed values in {@code config.headers} opened. */
    public static ChannelConfig stored(
            long id, ChannelType type, Map<String, Object> config, byte[] secret, SecretCipher cipher) {
        Map<String, Object> opened = config;
        if (config != null && config.get("headers") instanceof Map<?, ?> headers) {
            Map<String, Object> plain = new LinkedHashMap<>();
            headers.forEach((name, value) ->
                    plain.put(String.valueOf(name), value instanceof String s ? SealedText.open(cipher, s) : value));
            opened = new LinkedHashMap<>(config);
            opened.put("headers", plain);
        }
        return new ChannelConfig(id, type, opened, secret == null ? null : cipher.decrypt(secret));
    }

    /** The setting as text, if it is present and not blank. */
    public Optional<String> text(String key) {
        Object value = config.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new InvalidChannelConfigException("config." + key + " must be a string");
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    /** The setting as text; fails as a permanent configuration error when it is missing. */
    public String requiredText(String key) {
        return text(key).orElseThrow(() -> new InvalidChannelConfigException("config." + key + " is required"));
    }

    /** The secret; fails as a permanent configuration error when the channel has none. */
    public String requiredSecret(String what) {
        if (secret == null || secret.isBlank()) {
            throw new InvalidChannelConfigException("the channel secret (" + what + ") is required");
        }
        return secret.trim();
    }

    @Override
    public String toString() {
        return "ChannelConfig[id=" + id + ", type=" + type.wire() + ", config=" + config + ", secret="
                + (secret == null ? "none" : "***") + "]";
    }
}
