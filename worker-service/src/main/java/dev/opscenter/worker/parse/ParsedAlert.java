package dev.opscenter.worker.parse;

import dev.opscenter.common.alert.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * ParsedAlert is what a parser makes of one event: always within the display limits, metadata in insertion order.
 *
 * @param title    one line, at most {@value #MAX_TITLE} characters
 * @param message  one or a few lines, at most {@value #MAX_MESSAGE} characters
 * @param severity how urgent the alert is
 * @param metadata provider facts worth filtering on (repo, branch, amount, …); values are strings, numbers or booleans
 */
public record ParsedAlert(String title, String message, Severity severity, Map<String, Object> metadata) {

    /** Longest title kept; longer ones end in an ellipsis. */
    public static final int MAX_TITLE = 200;
    /** Longest message kept; longer ones end in an ellipsis. */
    public static final int MAX_MESSAGE = 2000;

    private static final String ELLIPSIS = "…";

    public ParsedAlert {
        // A title is a single line whatever the provider sent, so list views stay one row per alert.
        title = truncate(Objects.requireNonNullElse(title, "").strip().replaceAll("\\s+", " "), MAX_TITLE);
        message = truncate(Objects.requireNonNullElse(message, "").strip(), MAX_MESSAGE);
        severity = Objects.requireNonNullElse(severity, Severity.INFO);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata));
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        // Never cut a surrogate pair in half: the stored text must stay valid UTF-16.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
