package dev.opscenter.common.vocabulary;

import io.micronaut.serde.annotation.Serdeable;

/**
 * SourceKind says how a webhook source signs its requests, where its event type and delivery id live, and which
 * parser turns its events into alerts ({@code webhook_sources.kind}).
 */
@Serdeable
public enum SourceKind implements WireName {
    GITHUB,
    STRIPE,
    /** Standard Webhooks (Svix); triggered events are parsed as this kind too. */
    STANDARD,
    GENERIC;

    /** Parses a wire name; unknown kinds fail, so nothing is ever accepted unverified. */
    public static SourceKind parse(String value) {
        return WireName.parse(SourceKind.class, "source kind", value);
    }
}
