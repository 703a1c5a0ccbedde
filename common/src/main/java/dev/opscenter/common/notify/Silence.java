package dev.opscenter.common.notify;

import dev.opscenter.common.alert.AlertMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Silence mutes notifications for the alerts it matches while it is in force, as Alertmanager's silences do. Every
 * matcher that is set must hold; the alerts themselves are still stored and shown.
 *
 * @param source     webhook source slug or event source name, exactly
 * @param eventType  event type pattern, as a rule's ({@code charge.*}, {@code push, pull_request})
 * @param severities the alert's severity is one of these
 * @param text       found in the alert's title or message, ignoring case
 * @param endsAt     the silence is in force from {@code startsAt} until just before this
 */
@Serdeable
public record Silence(
        long id,
        @Nullable String source,
        @Nullable String eventType,
        @Nullable List<String> severities,
        @Nullable String text,
        String comment,
        String createdBy,
        Instant startsAt,
        Instant endsAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether it is in force at {@code now}. */
    public boolean inForce(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** Whether it mutes this alert's notifications at {@code now}. */
    public boolean mutes(AlertMessage alert, Instant now) {
        return inForce(now)
                && (source == null || source.equals(alert.source()))
                && (eventType == null || EventTypePattern.matches(eventType, alert.eventType()))
                && (severities == null || severities.contains(alert.severity()))
                && (text == null || contains(alert.title(), text) || contains(alert.message(), text));
    }

    private static boolean contains(@Nullable String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
