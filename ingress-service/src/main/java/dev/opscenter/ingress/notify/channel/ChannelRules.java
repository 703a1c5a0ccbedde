package dev.opscenter.ingress.notify.channel;

import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.api.OutboundRules;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * ChannelRules validates a channel's settings and secret for its type, so the worker never meets a channel it
 * cannot send through, and no destination names an internal address literally (the worker checks names again
 * after resolving them). Every invalid field is named ({@code config.from}, {@code secret}, …), all in one 422.
 */
@Singleton
final class ChannelRules {
    private static final int MAX_SECRET = 2048;
    private static final String TELEGRAM_API = "https://api.telegram.org";
    private static final String TWILIO_API = "https://api.twilio.com";

    private final OutboundRules outbound;

    ChannelRules(OutboundPolicy policy) {
        this.outbound = new OutboundRules(policy);
    }

    /**
     * Checks config and secret together, adding every invalid field to {@code errors}.
     *
     * @param secret       the secret sent with this request, null if none was sent
     * @param secretStored whether the channel already has a secret (kept when none is sent)
     */
    void check(ChannelType type, Map<String, Object> config, String secret, boolean secretStored, FieldErrors errors) {
        if (secret != null && (secret.isBlank() || secret.length() > MAX_SECRET)) {
            errors.add("secret", "1 to " + MAX_SECRET + " characters when present");
        }
        boolean hasSecret = secret != null || secretStored;
        switch (type) {
            case EMAIL -> {
                address(text(config, "from", true, errors), "config.from", errors);
                address(text(config, "replyTo", false, errors), "config.replyTo", errors);
                if (secret != null) {
                    errors.add("secret", "email channels take no secret (SMTP is configured on the worker)");
                }
            }
            case SLACK -> {
                requireSecret(hasSecret, "the Slack incoming-webhook URL", errors);
                if (secret != null && !errors.has("secret")) {
                    outbound.url("secret", secret, true, errors);
                }
            }
            case TELEGRAM -> {
                requireSecret(hasSecret, "the bot token", errors);
                outbound.url("config.baseUrl", text(config, "baseUrl", false, errors), false, errors);
            }
            case SMS -> {
                text(config, "accountSid", true, errors);
                text(config, "from", true, errors);
                requireSecret(hasSecret, "the auth token", errors);
                outbound.url("config.baseUrl", text(config, "baseUrl", false, errors), false, errors);
            }
            case CONSOLE -> {
                if (secret != null) {
                    errors.add("secret", "console channels take no secret (toasts go to the open consoles)");
                }
            }
            case WEBHOOK -> {
                outbound.url("config.url", text(config, "url", true, errors), false, errors);
                OutboundRules.headers("config.headers", config.get("headers"), errors);
                if (secret != null && !errors.has("secret")) {
                    signingSecret(secret, errors);
                }
            }
        }
    }

    /**
     * Whether an update points the channel somewhere else: then the stored secret (and stored header values) must
     * not follow it, or anyone who may edit a channel could send its credentials to a host of their choosing.
     */
    static boolean destinationChanged(ChannelType type, Map<String, Object> before, Map<String, Object> after) {
        return switch (type) {
            case EMAIL, SLACK, CONSOLE ->
                false; // email goes to the worker's SMTP server; a Slack destination is the secret itself; a toast
            // goes to the consoles
            case TELEGRAM -> !base(before, TELEGRAM_API).equals(base(after, TELEGRAM_API));
            case SMS -> !base(before, TWILIO_API).equals(base(after, TWILIO_API));
            case WEBHOOK -> !Objects.equals(before.get("url"), after.get("url"));
        };
    }

    private static String base(Map<String, Object> config, String fallback) {
        Object value = config.get("baseUrl");
        String url = value instanceof String s && !s.isBlank() ? s.strip() : fallback;
        return url.replaceAll("/+$", "").toLowerCase(Locale.ROOT);
    }

    private static void requireSecret(boolean present, String what, FieldErrors errors) {
        if (!present) {
            errors.add("secret", "required: " + what);
        }
    }

    /** The text at {@code key}; null when absent (an error if required) or not non-blank text (an error). */
    private static String text(Map<String, Object> config, String key, boolean required, FieldErrors errors) {
        Object value = config.get(key);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            errors.add("config." + key, required ? "required text" : "text when present");
            return null;
        }
        return s;
    }

    /** A plain address or {@code Display Name <address>}, parsed the way the worker's mail library will; null is skipped. */
    private static void address(String value, String field, FieldErrors errors) {
        if (value == null) {
            return;
        }
        try {
            InternetAddress address = new InternetAddress(value.strip(), true);
            address.validate();
            if (!address.getAddress().contains("@")) {
                throw new AddressException("no domain");
            }
        } catch (AddressException e) {
            errors.add(field, "an e-mail address such as alerts@example.com or OpsCenter <alerts@example.com>");
        }
    }

    private static void signingSecret(String secret, FieldErrors errors) {
        boolean valid;
        try {
            valid = secret.startsWith("whsec_") && StandardWebhooks.secretKey(secret).length > 0;
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            errors.add("secret", "a signing secret is whsec_ followed by base64");
        }
    }
}
