package dev.opscenter.ingress.notify.channel;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.ingress.notify.ChannelType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ChannelRules validates a channel's settings and secret for its type, so the worker never meets a channel it
 * cannot send through. Each failure is a 422 naming its field ({@code config.from}, {@code secret}, …).
 */
final class ChannelRules {
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$");
    private static final int MAX_SECRET = 2048;

    private ChannelRules() {
    }

    /**
     * Checks config and secret together.
     *
     * @param secret       the secret sent with this request, null if none was sent
     * @param secretStored whether the channel already has a secret (kept when none is sent)
     */
    static void check(ChannelType type, Map<String, Object> config, String secret, boolean secretStored) {
        if (secret != null && (secret.isBlank() || secret.length() > MAX_SECRET)) {
            throw ProblemException.invalid("secret", "1 to " + MAX_SECRET + " characters when present");
        }
        boolean hasSecret = secret != null || secretStored;
        switch (type) {
            case EMAIL -> {
                String from = text(config, "from", true);
                if (!ADDRESS.matcher(from).matches()) {
                    throw ProblemException.invalid("config.from", "an e-mail address such as alerts@example.com");
                }
                if (secret != null) {
                    throw ProblemException.invalid("secret", "email channels take no secret (SMTP is configured on the worker)");
                }
            }
            case SLACK -> {
                requireSecret(hasSecret, "the Slack incoming-webhook URL");
                if (secret != null) {
                    url("secret", secret, true);
                }
            }
            case TELEGRAM -> {
                requireSecret(hasSecret, "the bot token");
                optionalUrl(config, "baseUrl");
            }
            case SMS -> {
                text(config, "accountSid", true);
                text(config, "from", true);
                requireSecret(hasSecret, "the auth token");
                optionalUrl(config, "baseUrl");
            }
            case WEBHOOK -> {
                url("config.url", text(config, "url", true), false);
                if (secret != null) {
                    signingSecret(secret);
                }
            }
        }
    }

    private static void requireSecret(boolean present, String what) {
        if (!present) {
            throw ProblemException.invalid("secret", "required: " + what);
        }
    }

    private static String text(Map<String, Object> config, String key, boolean required) {
        Object value = config.get(key);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw ProblemException.invalid("config." + key, required ? "required text" : "text when present");
        }
        return s;
    }

    private static void optionalUrl(Map<String, Object> config, String key) {
        String value = text(config, key, false);
        if (value != null) {
            url("config." + key, value, false);
        }
    }

    private static void url(String field, String value, boolean httpsOnly) {
        String expected = httpsOnly ? "an https URL" : "an http or https URL";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            boolean schemeOk = httpsOnly ? scheme.equals("https") : scheme.equals("https") || scheme.equals("http");
            if (!schemeOk || uri.getHost() == null) {
                throw ProblemException.invalid(field, expected);
            }
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(field, expected);
        }
    }

    private static void signingSecret(String secret) {
        boolean valid;
        try {
            valid = secret.startsWith("whsec_") && StandardWebhooks.secretKey(secret).length > 0;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw ProblemException.invalid("secret", "a signing secret is whsec_ followed by base64");
        }
    }
}
