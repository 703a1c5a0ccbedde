package dev.opscenter.ingress.source;

import java.util.Locale;

/** SourceKind says how a source signs its requests and where its event type and delivery id live. */
public enum SourceKind {
    GITHUB,
    STRIPE,
    STANDARD,
    GENERIC;

    /** Lower-case name used in JSON and SQL. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; unknown kinds fail, so nothing is ever accepted unverified. */
    public static SourceKind parse(String value) {
        for (SourceKind kind : values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown source kind: " + value + " (github, stripe, standard, generic)");
    }
}
