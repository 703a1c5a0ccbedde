package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AlertFilter is what {@code GET /api/alerts} narrows the list to; a null (or empty) field does not narrow it. Built
 * from the raw query values by {@link #parse}, which names every bad one in one 422.
 *
 * @param severities wire names, any of them matches
 * @param source     a webhook source's slug or an event source's name, as the alert's {@code source} reads
 * @param type       the event type, exactly
 * @param from       created at or after, inclusive
 * @param to         created before, exclusive
 * @param text       words looked for in the title or the message, case-insensitive
 */
record AlertFilter(
        List<String> severities,
        @Nullable String source,
        @Nullable String type,
        @Nullable String state,
        @Nullable Boolean read,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String text) {
    /** The longest text search, source or type accepted: longer is a mistake, not a search. */
    static final int MAX_TEXT = 200;

    static final List<String> STATES = List.of("open", "acknowledged", "resolved");

    /** The filter the query values describe; severities may repeat or be comma-separated ({@code critical,error}). */
    static AlertFilter parse(
            @Nullable List<String> severity,
            @Nullable String source,
            @Nullable String type,
            @Nullable String state,
            @Nullable Boolean read,
            @Nullable String from,
            @Nullable String to,
            @Nullable String q) {
        FieldErrors errors = new FieldErrors();
        Set<String> severities = new LinkedHashSet<>();
        for (String value : severity == null ? List.<String>of() : severity) {
            for (String one : value.split(",", -1)) {
                String wire = one.trim().toLowerCase(Locale.ROOT);
                if (Severity.WIRE.contains(wire)) {
                    severities.add(wire);
                } else if (!wire.isEmpty()) {
                    errors.add("severity", "each one of info, warning, error, critical");
                }
            }
        }
        if (state != null && !state.isEmpty() && !STATES.contains(state)) {
            errors.add("state", "one of open, acknowledged, resolved");
        }
        Instant since = errors.instant("from", from);
        Instant until = errors.instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add("to", "after from");
        }
        String text = errors.text("q", q, MAX_TEXT);
        String sourceName = errors.text("source", source, MAX_TEXT);
        String eventType = errors.text("type", type, MAX_TEXT);
        errors.throwIfAny();
        return new AlertFilter(
                new ArrayList<>(severities),
                sourceName,
                eventType,
                blank(state) ? null : state,
                read,
                since,
                until,
                text);
    }

    /** The text search as a LIKE pattern that matches the text anywhere, its own {@code % _ \} taken literally. */
    @Nullable
    String textPattern() {
        if (text == null) {
            return null;
        }
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
