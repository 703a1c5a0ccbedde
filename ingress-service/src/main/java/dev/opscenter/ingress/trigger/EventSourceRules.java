package dev.opscenter.ingress.trigger;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EventSourceRules validates what an admin may save as an event source (the description's length is
 * {@link EventSourceInput}'s). Each check adds what is wrong to the request's {@link FieldErrors}, so one 422 names
 * every invalid field.
 */
final class EventSourceRules {
    /** The same rule as the table's CHECK, so a bad name is a 422 naming the field rather than a database error. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");

    private EventSourceRules() {}

    @Nullable
    static String name(@Nullable String name, FieldErrors errors) {
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(
                    "name",
                    "lower-case letters, digits, '_', '.' or '-', 1 to 100 characters, starting with a letter or digit");
            return null;
        }
        return name;
    }

    /** The description trimmed, or null when absent or blank. */
    @Nullable
    static String description(@Nullable String description) {
        return description == null || description.isBlank() ? null : description.trim();
    }

    /** The alert severity, checked: one of the four levels, and required when the source raises alerts. */
    @Nullable
    static String alertSeverity(boolean raisesAlert, @Nullable String severity, FieldErrors errors) {
        if (severity == null) {
            if (raisesAlert) {
                errors.add("alertSeverity", "required when raisesAlert is true: info, warning, error or critical");
            }
            return null;
        }
        for (Severity level : Severity.values()) {
            if (level.wire().equals(severity)) {
                return severity;
            }
        }
        errors.add("alertSeverity", "one of info, warning, error, critical");
        return null;
    }

    /** The schema as a JSON object; null for {@code {}}, which accepts any payload and so means "no schema". */
    @Nullable
    @SuppressWarnings("unchecked")
    static Map<String, Object> payloadSchema(Object schema, FieldErrors errors) {
        if (!(schema instanceof Map<?, ?> map)) {
            errors.add("payloadSchema", "a JSON Schema object");
            return null;
        }
        return map.isEmpty() ? null : (Map<String, Object>) map;
    }
}
