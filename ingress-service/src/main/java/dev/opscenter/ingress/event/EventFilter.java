package dev.opscenter.ingress.event;

import dev.opscenter.common.vocabulary.EventStatus;
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * EventFilter is what {@code GET /api/events} narrows the list to; a null field does not narrow it. Built from the raw
 * query values by {@link #parse}, which names every bad one in one 422.
 *
 * @param source a webhook source's slug or an event source's name
 * @param type   the event type, exactly
 * @param from   received at or after, inclusive
 * @param to     received before, exclusive
 */
record EventFilter(
        @Nullable String source,
        @Nullable EventStatus status,
        @Nullable String type,
        @Nullable Instant from,
        @Nullable Instant to) {
    /** The longest source or type accepted: longer is a mistake, not a filter. */
    static final int MAX_TEXT = 200;

    static EventFilter parse(
            @Nullable String source,
            @Nullable String status,
            @Nullable String type,
            @Nullable String from,
            @Nullable String to) {
        FieldErrors errors = new FieldErrors();
        EventStatus wanted = blank(status) ? null : errors.parse("status", status.trim(), EventStatus::parse);
        Instant since = blank(from) ? null : errors.parse("from", from.trim(), EventFilter::instant);
        Instant until = blank(to) ? null : errors.parse("to", to.trim(), EventFilter::instant);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add("to", "after from");
        }
        String sourceName = bounded("source", source, errors);
        String eventType = bounded("type", type, errors);
        errors.throwIfAny();
        return new EventFilter(sourceName, wanted, eventType, since, until);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    @Nullable
    private static String bounded(String field, @Nullable String value, FieldErrors errors) {
        if (blank(value)) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_TEXT) {
            errors.add(field, "at most " + MAX_TEXT + " characters");
            return null;
        }
        return trimmed;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("an ISO-8601 instant such as 2026-01-31T09:00:00Z");
        }
    }
}
