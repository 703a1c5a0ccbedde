package dev.opscenter.common.alert;

import java.util.List;
import java.util.Locale;

/** Severity of an alert, ordered from least to most urgent; written lower-case on the wire and in the database. */
public enum Severity {
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    /** The wire names of all severities, least urgent first. */
    public static final List<String> WIRE = List.of("info", "warning", "error", "critical");

    /** The lower-case name used in JSON and SQL. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, accepting common synonyms providers use ({@code warn}, {@code fatal}, …). */
    public static Severity parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "info", "information", "informational", "notice", "debug", "ok", "low" -> INFO;
            case "warning", "warn", "medium", "moderate" -> WARNING;
            case "error", "err", "high", "failure", "failed" -> ERROR;
            case "critical", "crit", "fatal", "emergency", "alert", "severe", "p1" -> CRITICAL;
            default -> throw new IllegalArgumentException("unknown severity: " + value);
        };
    }

    /** True if this severity is at least as urgent as the other. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
