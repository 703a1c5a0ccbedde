package dev.opscenter.ingress.event;

import dev.opscenter.common.vocabulary.EventStatus;
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

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
        Instant since = errors.instant("from", from);
        Instant until = errors.instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add("to", "after from");
        }
        String sourceName = errors.text("source", source, MAX_TEXT);
        String eventType = errors.text("type", type, MAX_TEXT);
        errors.throwIfAny();
        return new EventFilter(sourceName, wanted, eventType, since, until);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
