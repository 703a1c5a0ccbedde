package dev.opscenter.ingress.notify.channel;

import dev.opscenter.common.crypto.SealedText;
import dev.opscenter.common.net.HeaderSyntax;
import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.ingress.notify.ChannelType;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * ChannelRules validates a channel's settings and secret for its type, so the worker never meets a channel it
 * cannot send through, and no destination names an internal address literally (the worker checks names again
 * after resolving them). Each failure is a 422 naming its field ({@code config.from}, {@code secret}, …).
 */
@Singleton
final class ChannelRules {
    private static final int MAX_SECRET = 2048;
    private static final String TELEGRAM_API = "https://api.telegram.org";
    private static final String TWILIO_API = "https://api.twilio.com";

    private final OutboundPolicy policy;

    ChannelRules(OutboundPolicy policy) {
        this.policy = policy;
    }

    /**
     * Checks config and secret together.
     *
     * @param secret       the secret sent with this request, null if none was sent
     * @param secretStored whether the channel already has a secret (kept when none is sent)
     */
    void check(ChannelType type, Map<String, Object> config, String secret, boolean secretStored) {
        if (secret != null && (secret.isBlank() || secret.length() > MAX_SECRET)) {
            throw ProblemException.invalid("secret", "1 to " + MAX_SECRET + " characters when present");
        }
        boolean hasSecret = secret != null || secretStored;
        switch (type) {
            case EMAIL -> {
                address(text(config, "from", true), "config.from");
                String replyTo = text(config, "replyTo", false);
                if (replyTo != null) {
                    address(replyTo, "config.replyTo");
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
                headers(config.get("headers"));
                if (secret != null) {
                    signingSecret(secret);
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
            case EMAIL, SLACK -> false; // email goes to the worker's SMTP server; a Slack destination is the secret itself
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

    /** A plain address or {@code Display Name <address>}, parsed the way the worker's mail library will. */
    private static void address(String value, String field) {
        try {
            InternetAddress address = new InternetAddress(value.strip(), true);
            address.validate();
            if (!address.getAddress().contains("@")) {
                throw new AddressException("no domain");
            }
        } catch (AddressException e) {
            throw ProblemException.invalid(field, "an e-mail address such as alerts@example.com or OpsCenter <alerts@example.com>");
        }
    }

    private void optionalUrl(Map<String, Object> config, String key) {
        String value = text(config, key, false);
        if (value != null) {
            url("config." + key, value, false);
        }
    }

    private void url(String field, String value, boolean httpsOnly) {
        String expected = httpsOnly ? "an https URL" : "an http or https URL";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(field, expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = httpsOnly ? scheme.equals("https") : scheme.equals("https") || scheme.equals("http");
        if (!schemeOk || uri.getHost() == null) {
            throw ProblemException.invalid(field, expected);
        }
        policy.literalRefusal(uri.getHost()).ifPresent(reason -> {
            throw ProblemException.invalid(field, "the host is " + reason + ", which channels may not reach");
        });
    }

    private static void headers(Object raw) {
        if (raw == null) {
            return;
        }
        if (!(raw instanceof Map<?, ?> headers)) {
            throw ProblemException.invalid("config.headers", "an object of header names to values");
        }
        headers.forEach((name, value) -> {
            String n = String.valueOf(name);
            if (!HeaderSyntax.validName(n)) {
                throw ProblemException.invalid("config.headers", "header names are HTTP tokens");
            }
            if (!(value instanceof String v) || !HeaderSyntax.validValue(v) || SealedText.isSealed(v)) {
                throw ProblemException.invalid("config.headers." + n, "text of visible characters, no line breaks");
            }
        });
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
