package dev.opscenter.ingress.trigger;

import dev.opscenter.common.alert.Severity;
import dev.opscenter.common.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.regex.Pattern;

/** EventSourceRules validates what an admin may save as an event source; each failure names its field (422). */
final class EventSourceRules {
    /** The same rule as the table's CHECK, so a bad name is a 422 naming the field rather than a database error. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,99}$");
    private static final int MAX_DESCRIPTION = 1000;

    private EventSourceRules() {
    }

    static String name(@Nullable String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name",
                    "lower-case letters, digits, '_', '.' or '-', 1 to 100 characters, starting with a letter or digit");
        }
        return name;
    }

    /** The description, or null when absent or blank. */
    @Nullable
    static String description(@Nullable String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw ProblemException.invalid("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        return description.trim();
    }

    /** The alert severity, checked: one of the four levels, and required when the source raises alerts. */
    @Nullable
    static String alertSeverity(boolean raisesAlert, @Nullable String severity) {
        if (severity == null) {
            if (raisesAlert) {
                throw ProblemException.invalid("alertSeverity", "required when raisesAlert is true: info, warning, error or critical");
            }
            return null;
        }
        for (Severity level : Severity.values()) {
            if (level.wire().equals(severity)) {
                return severity;
            }
        }
        throw ProblemException.invalid("alertSeverity", "one of info, warning, error, critical");
    }

    /** The schema as a JSON object; null for {@code {}}, which accepts any payload and so means "no schema". */
    @Nullable
    @SuppressWarnings("unchecked")
    static Map<String, Object> payloadSchema(Object schema) {
        if (!(schema instanceof Map<?, ?> map)) {
            throw ProblemException.invalid("payloadSchema", "a JSON Schema object");
        }
        return map.isEmpty() ? null : (Map<String, Object>) map;
    }
}
