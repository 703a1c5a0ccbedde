package dev.opscenter.worker.notify.channel;

import java.util.Map;
import java.util.Optional;

/**
 * ChannelConfig is one configured channel as a sender needs it: its type, its JSON settings and its decrypted secret
 * (may be null). {@link #toString()} leaves the secret out, so a logged config never leaks it.
 */
public record ChannelConfig(long id, String type, Map<String, Object> config, String secret) {

    public ChannelConfig {
        config = config == null ? Map.of() : config;
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
        return "ChannelConfig[id=" + id + ", type=" + type + ", config=" + config + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
