package dev.opscenter.ingress.api;

import dev.opscenter.common.crypto.SealedText;
import dev.opscenter.common.net.HeaderSyntax;
import dev.opscenter.common.net.OutboundPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * OutboundRules checks, when it is saved, what an outbound request will be made of (a channel's destination, a relay
 * subscription's URL and custom headers): an http(s) URL whose host is no literal address {@link OutboundPolicy}
 * refuses (senders check resolved addresses again), and headers that cannot inject another header.
 */
public final class OutboundRules {
    private final OutboundPolicy policy;

    public OutboundRules(OutboundPolicy policy) {
        this.policy = policy;
    }

    /** An http(s) URL whose host outbound requests may reach; null is skipped. */
    public void url(String field, String value, boolean httpsOnly, FieldErrors errors) {
        if (value == null) {
            return;
        }
        String expected = httpsOnly ? "an https URL" : "an http or https URL";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            errors.add(field, expected);
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = httpsOnly ? scheme.equals("https") : scheme.equals("https") || scheme.equals("http");
        if (!schemeOk || uri.getHost() == null) {
            errors.add(field, expected);
            return;
        }
        policy.literalRefusal(uri.getHost())
                .ifPresent(reason ->
                        errors.add(field, "the host is " + reason + ", which outbound requests may not reach"));
    }

    /**
     * An object of header names (HTTP tokens) to values (visible characters, no line breaks, never a sealed text
     * sent in); errors on {@code field} for names and {@code field.<name>} for values. Null is skipped.
     */
    public static void headers(String field, Object raw, FieldErrors errors) {
        if (raw == null) {
            return;
        }
        if (!(raw instanceof Map<?, ?> headers)) {
            errors.add(field, "an object of header names to values");
            return;
        }
        headers.forEach((name, value) -> {
            String n = String.valueOf(name);
            if (!HeaderSyntax.validName(n)) {
                errors.add(field, "header names are HTTP tokens");
            } else if (!(value instanceof String v) || !HeaderSyntax.validValue(v) || SealedText.isSealed(v)) {
                errors.add(field + "." + n, "text of visible characters, no line breaks");
            }
        });
    }
}
