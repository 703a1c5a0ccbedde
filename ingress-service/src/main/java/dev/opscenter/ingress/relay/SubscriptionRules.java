package dev.opscenter.ingress.relay;

import dev.opscenter.common.net.HeaderSyntax;
import dev.opscenter.common.net.OutboundPolicy;
import dev.opscenter.common.notify.Conditions;
import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.relay.RelaySignatures;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.api.OutboundRules;
import dev.opscenter.ingress.notify.Names;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SubscriptionRules turns a subscription body into a {@link SubscriptionDraft}, or a 422 naming every invalid field at
 * once. The URL is checked as channel destinations are ({@link OutboundRules}); the source must exist; event type
 * patterns follow {@code EventTypePattern} (one pattern per entry, {@code *} any run of characters).
 */
@Singleton
final class SubscriptionRules {
    static final String DEFAULT_SIGNATURE_HEADER = "X-OpsCenter-Signature";
    static final int MAX_EVENT_TYPES = 20;
    static final int MAX_PATTERN = 200;
    static final int MAX_DESCRIPTION = 1_000;
    static final int MAX_URL = 2_000;
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 1_000;
    static final int MAX_RATE = 10_000;
    static final int MIN_SECRET_BYTES = 24;
    static final int MAX_SECRET_BYTES = 64;

    /** Headers the relay writes itself (lower case); custom headers may not replace them. */
    private static final Set<String> RESERVED = Set.of(
            StandardWebhooks.ID_HEADER,
            StandardWebhooks.TIMESTAMP_HEADER,
            StandardWebhooks.SIGNATURE_HEADER,
            "content-type",
            "content-length",
            "host",
            "connection",
            "transfer-encoding");

    private final SubscriptionRepository subscriptions;
    private final OutboundRules outbound;
    private final NotifyLimits limits;

    SubscriptionRules(SubscriptionRepository subscriptions, OutboundPolicy policy, NotifyLimits limits) {
        this.subscriptions = subscriptions;
        this.outbound = new OutboundRules(policy);
        this.limits = limits;
    }

    /** What is stored of a subscription that an update needs: where it sends, and its sealed header values. */
    record Stored(String url, Map<String, String> sealedHeaders) {}

    /**
     * Checks a body; {@code stored} is null on create (then a secret may be given) and the subscription's on update
     * (then it may not: the secret changes only by rotation).
     */
    SubscriptionDraft check(SubscriptionInput in, @Nullable Stored stored, FieldErrors errors) {
        String name = Names.valid(in.name(), errors);
        String description = blankToNull(in.description());
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        List<String> eventTypes = eventTypes(in.eventTypes(), errors);
        if (in.sourceId() != null && !subscriptions.sourceExists(in.sourceId())) {
            errors.add("sourceId", "no webhook source " + in.sourceId());
        }
        String url = url(in.url(), errors);
        if (stored == null) {
            secret("secret", in.secret(), errors);
        } else if (in.secret() != null) {
            errors.add("secret", "changes only by POST /api/subscriptions/{id}/rotate-secret");
        }
        String signatureHeader = signatureHeader(in.signatureHeader(), errors);
        Map<String, String> headers = headers(in.headers(), signatureHeader, stored, url, errors);
        Integer rate = in.rateLimitPerSecond();
        if (rate != null && (rate < 1 || rate > MAX_RATE)) {
            errors.add("rateLimitPerSecond", "1 to " + MAX_RATE + " when present");
        }
        Map<String, Object> conditions =
                in.conditions() == null || in.conditions().isEmpty() ? null : in.conditions();
        if (conditions != null) {
            List<String> problems = Conditions.validate(conditions, limits.maxConditionLeaves());
            if (!problems.isEmpty()) {
                errors.add("conditions", String.join("; ", problems));
            }
        }
        errors.throwIfAny();
        return new SubscriptionDraft(
                name,
                description,
                eventTypes,
                in.sourceId(),
                url,
                signatureHeader,
                headers,
                rate,
                conditions,
                in.active() == null || in.active());
    }

    /**
     * Checks a signing secret given by the client: {@code whsec_} and the standard base64 of 24 to 64 bytes (null is
     * skipped: one is generated).
     */
    static void secret(String field, @Nullable String secret, FieldErrors errors) {
        if (secret == null) {
            return;
        }
        int bytes;
        try {
            bytes = secret.startsWith("whsec_")
                    ? Base64.getDecoder().decode(secret.substring("whsec_".length())).length
                    : -1;
        } catch (IllegalArgumentException e) {
            bytes = -1;
        }
        if (bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
            errors.add(
                    field,
                    "whsec_ followed by the base64 of " + MIN_SECRET_BYTES + " to " + MAX_SECRET_BYTES
                            + " random bytes; leave it out to have one generated");
        }
    }

    private static List<String> eventTypes(@Nullable List<String> patterns, FieldErrors errors) {
        if (patterns == null || patterns.isEmpty() || patterns.size() > MAX_EVENT_TYPES) {
            errors.add("eventTypes", "1 to " + MAX_EVENT_TYPES + " event type patterns, such as order.* or *");
            return List.of();
        }
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i) == null ? "" : patterns.get(i).strip();
            if (p.isEmpty() || p.length() > MAX_PATTERN || p.contains(",")) {
                errors.add(
                        "eventTypes[" + i + "]",
                        "an event type or a pattern with *, at most " + MAX_PATTERN
                                + " characters, one per entry (no commas)");
            }
            valid.add(p);
        }
        return List.copyOf(valid);
    }

    private String url(@Nullable String url, FieldErrors errors) {
        if (url == null || url.isBlank()) {
            errors.add("url", "required: the http or https URL deliveries are posted to");
            return null;
        }
        String u = url.strip();
        if (u.length() > MAX_URL) {
            errors.add("url", "at most " + MAX_URL + " characters");
            return null;
        }
        outbound.url("url", u, false, errors);
        return u;
    }

    private static String signatureHeader(@Nullable String header, FieldErrors errors) {
        if (header == null) {
            return DEFAULT_SIGNATURE_HEADER;
        }
        String h = header.strip();
        if (!HeaderSyntax.validName(h)) {
            errors.add("signatureHeader", "a header name (an HTTP token), such as " + DEFAULT_SIGNATURE_HEADER);
        } else if (RESERVED.contains(h.toLowerCase(Locale.ROOT))) {
            errors.add("signatureHeader", "the relay writes " + h + " itself; choose another name");
        }
        return h;
    }

    private static Map<String, String> headers(
            @Nullable Map<String, String> headers,
            String signatureHeader,
            @Nullable Stored stored,
            @Nullable String url,
            FieldErrors errors) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            errors.add("headers", "at most " + MAX_HEADERS + " headers");
            return Map.of();
        }
        OutboundRules.headers("headers", headers, errors);
        String signature = signatureHeader.toLowerCase(Locale.ROOT);
        headers.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(n)
                    || n.equals(signature)
                    || n.equals(signature + RelaySignatures.PREVIOUS_SUFFIX.toLowerCase(Locale.ROOT))) {
                errors.add("headers", "the relay writes " + name + " itself");
            } else if (value != null && value.length() > MAX_HEADER_VALUE) {
                errors.add("headers." + name, "at most " + MAX_HEADER_VALUE + " characters");
            }
        });
        boolean urlChanged = stored != null && !stored.url().equals(url);
        return SubscriptionHeaders.unmasked(
                headers, stored == null ? Map.of() : stored.sealedHeaders(), urlChanged, errors);
    }

    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
