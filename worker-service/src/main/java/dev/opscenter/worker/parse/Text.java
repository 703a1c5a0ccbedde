package dev.opscenter.worker.parse;

import java.util.Locale;

/** Text builds the human-readable parts of alerts the same way for every provider. */
final class Text {

    private Text() {}

    /** The non-blank lines joined with newlines, so optional parts simply drop out. */
    static String lines(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line != null && !line.isBlank()) {
                text.append(text.isEmpty() ? "" : "\n").append(line.strip());
            }
        }
        return text.toString();
    }

    /** The non-blank parts joined with a middle dot, or null when there are none. */
    static String joined(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                text.append(text.isEmpty() ? "" : " · ").append(part.strip());
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    /** A provider's snake_case word as prose: {@code product_not_received} → {@code product not received}. */
    static String humanize(String word) {
        return word == null ? "" : word.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** The first of the values that is not null. */
    static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The first line of a possibly multi-line text, or null. */
    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.isBlank() ? null : line;
    }
}
