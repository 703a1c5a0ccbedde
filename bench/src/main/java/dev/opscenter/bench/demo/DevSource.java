package dev.opscenter.bench.demo;

import dev.opscenter.common.signature.GenericSignature;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DevSource is one of the sources ingress seeds in the dev environment (slug = kind), and how its provider signs a
 * delivery and names it: every signed request carries a delivery id of its own, so ingress never takes one for a
 * duplicate of an earlier run.
 */
enum DevSource {
    GITHUB {
        @Override
        SignedWebhook sign(String secret, String eventType, byte[] body, Instant now) {
            return new SignedWebhook(
                    this,
                    headers(
                            "X-GitHub-Event",
                            eventType,
                            "X-GitHub-Delivery",
                            UUID.randomUUID().toString(),
                            GitHubSignature.HEADER,
                            GitHubSignature.sign(secret, body),
                            "User-Agent",
                            "GitHub-Hookshot/044aadd"),
                    body);
        }
    },
    STRIPE {
        @Override
        SignedWebhook sign(String secret, String eventType, byte[] body, Instant now) {
            Matcher id = STRIPE_EVENT_ID.matcher(new String(body, StandardCharsets.UTF_8));
            if (!id.find()) {
                throw new IllegalArgumentException("a Stripe event without an evt_ id: " + eventType);
            }
            byte[] fresh = id.replaceFirst("$1evt_" + randomId() + "\"").getBytes(StandardCharsets.UTF_8);
            return new SignedWebhook(
                    this,
                    headers(
                            StripeSignature.HEADER,
                            StripeSignature.sign(secret, fresh, now),
                            "User-Agent",
                            "Stripe/1.0 (+https://stripe.com/docs/webhooks)"),
                    fresh);
        }
    },
    STANDARD {
        @Override
        SignedWebhook sign(String secret, String eventType, byte[] body, Instant now) {
            String id = "msg_" + randomId();
            return new SignedWebhook(
                    this,
                    headers(
                            StandardWebhooks.ID_HEADER, id,
                            StandardWebhooks.TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()),
                            StandardWebhooks.SIGNATURE_HEADER, StandardWebhooks.sign(secret, id, now, body)),
                    body);
        }
    },
    GENERIC {
        /** The scheme of the seeded generic source: its settings are empty, so every default applies. */
        private final GenericSignature scheme = new GenericSignature(null, null, null, null);

        @Override
        SignedWebhook sign(String secret, String eventType, byte[] body, Instant now) {
            return new SignedWebhook(
                    this,
                    headers(
                            scheme.header(),
                            scheme.sign(secret, body),
                            "X-Event-Type",
                            eventType,
                            "X-Webhook-Id",
                            UUID.randomUUID().toString()),
                    body);
        }
    };

    /** Stripe's delivery id is the event's own {@code id}, the first {@code evt_} id of its body. */
    private static final Pattern STRIPE_EVENT_ID = Pattern.compile("(\"id\"\\s*:\\s*\")evt_[A-Za-z0-9]+\"");

    /** The source's slug in {@code /api/webhooks/{slug}}, which is also its key among the dev secrets. */
    String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The request the provider would send for this body at this time, with a fresh delivery id. */
    abstract SignedWebhook sign(String secret, String eventType, byte[] body, Instant now);

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
