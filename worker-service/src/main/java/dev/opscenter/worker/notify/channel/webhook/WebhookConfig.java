package dev.opscenter.worker.notify.channel.webhook;

import dev.opscenter.common.net.HeaderSyntax;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.worker.notify.channel.ChannelConfig;
import dev.opscenter.worker.notify.channel.InvalidChannelConfigException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * WebhookConfig is a webhook channel's settings: the default target {@code url}, extra {@code headers}, and the
 * Standard Webhooks signing secret ({@code whsec_…}) as the channel secret; without a secret requests go unsigned.
 */
record WebhookConfig(String url, Map<String, String> headers, String secret) {
    /** Headers the sender sets itself, or the HTTP client manages: config may not override them. */
    private static final Set<String> RESERVED = Set.of(
            StandardWebhooks.ID_HEADER,
            StandardWebhooks.TIMESTAMP_HEADER,
            StandardWebhooks.SIGNATURE_HEADER,
            "content-type",
            "content-length",
            "host",
            "connection",
            "expect",
            "upgrade");

    static WebhookConfig from(ChannelConfig channel) {
        Map<String, String> headers = new LinkedHashMap<>();
        Object raw = channel.config().get("headers");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                String n = String.valueOf(name);
                if (RESERVED.contains(n.toLowerCase(Locale.ROOT))) {
                    throw new InvalidChannelConfigException("config.headers may not set " + n);
                }
                if (value instanceof Map || value instanceof Iterable) {
                    throw new InvalidChannelConfigException("config.headers." + n + " must be a single value");
                }
                if (!HeaderSyntax.validName(n) || !HeaderSyntax.validValue(String.valueOf(value))) {
                    throw new InvalidChannelConfigException("config.headers." + (HeaderSyntax.validName(n) ? n : "*")
                            + " is not a valid header (a token name, a value of visible characters)");
                }
                headers.put(n, String.valueOf(value));
            });
        } else if (raw != null) {
            throw new InvalidChannelConfigException("config.headers must be an object of header names to values");
        }
        String secret = channel.secret() == null || channel.secret().isBlank()
                ? null
                : channel.secret().trim();
        if (secret != null) {
            try {
                StandardWebhooks.secretKey(secret);
            } catch (IllegalArgumentException e) {
                throw new InvalidChannelConfigException("the signing secret must be whsec_ followed by base64");
            }
        }
        return new WebhookConfig(channel.text("url").orElse(null), headers, secret);
    }

    /** The recipient when it is a URL, else the configured url. */
    URI target(String recipient) {
        String target = recipient != null && (recipient.startsWith("https://") || recipient.startsWith("http://"))
                ? recipient
                : url;
        if (target == null) {
            throw new InvalidChannelConfigException("config.url is required when the recipient is not a URL");
        }
        try {
            URI uri = URI.create(target);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new InvalidChannelConfigException("the webhook target must be an http(s) URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidChannelConfigException("the webhook target is not a valid URL");
        }
    }

    @Override
    public String toString() {
        return "WebhookConfig[url=" + url + ", headers=" + headers.keySet() + ", secret="
                + (secret == null ? "none" : "***") + "]";
    }
}
