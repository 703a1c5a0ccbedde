package dev.opscenter.ingress.silence;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * SilenceInput is the body of create and update (an update replaces every field): at least one matcher, a comment
 * saying why, and when it ends; it starts now unless {@code startsAt} says later.
 */
@Serdeable
record SilenceInput(
        @Nullable String source,
        @Nullable String eventType,
        @Nullable List<String> severities,
        @Nullable String text,
        @Nullable String comment,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt) {
    static final int MAX_MATCHER_CHARS = 200;
    static final int MAX_COMMENT_CHARS = 1000;

    /** Checks the body against {@code now}; every problem is reported in one 422. */
    void check(Instant now, FieldErrors errors) {
        bounded("source", source, MAX_MATCHER_CHARS, errors);
        bounded("eventType", eventType, MAX_MATCHER_CHARS, errors);
        bounded("text", text, MAX_MATCHER_CHARS, errors);
        if (severities != null) {
            if (severities.isEmpty()) {
                errors.add("severities", "leave it out, or name one or more of info, warning, error, critical");
            }
            for (String severity : severities) {
                if (severity == null || !Severity.WIRE.contains(severity.toLowerCase(Locale.ROOT))) {
                    errors.add("severities", "each one of info, warning, error, critical");
                    break;
                }
            }
        }
        if (blank(source) && blank(eventType) && severities == null && blank(text)) {
            errors.add("source", "a silence needs at least one matcher: source, eventType, severities or text");
        }
        if (blank(comment)) {
            errors.add("comment", "say why (shown with the silence)");
        } else {
            bounded("comment", comment, MAX_COMMENT_CHARS, errors);
        }
        Instant start = startsAt(now);
        if (endsAt == null) {
            errors.add("endsAt", "required: when the silence ends");
        } else if (!endsAt.isAfter(start) || !endsAt.isAfter(now)) {
            errors.add("endsAt", "must be after startsAt and in the future");
        }
    }

    Instant startsAt(Instant now) {
        return startsAt == null || startsAt.isBefore(now) ? now : startsAt;
    }

    @Nullable
    List<String> severitiesLowerCase() {
        return severities == null
                ? null
                : severities.stream()
                        .map(s -> s.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
    }

    @Nullable
    static String orNull(@Nullable String value) {
        return blank(value) ? null : value.trim();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static void bounded(String field, @Nullable String value, int max, FieldErrors errors) {
        if (value != null && value.length() > max) {
            errors.add(field, "at most " + max + " characters");
        }
    }
}
