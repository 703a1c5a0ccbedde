package dev.opscenter.worker.notify.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * TextSplitter cuts text to a provider's length limit (in UTF-16 code units, as Slack and Telegram count) without
 * ever separating the two halves of a surrogate pair, so no emoji or other astral character is broken.
 */
public final class TextSplitter {
    private static final String ELLIPSIS = "…";

    private TextSplitter() {}

    /**
     * Splits text into parts of at most {@code max} characters that rejoin to the original exactly. A part ends after
     * the last line break in its window, else after the last space, provided that keeps it at least half full;
     * otherwise it is cut at the limit.
     */
    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (text.length() - start > max) {
            int end = start + max;
            int cut = text.lastIndexOf('\n', end - 1) + 1;
            if (cut - start < max / 2) {
                cut = text.lastIndexOf(' ', end - 1) + 1;
            }
            if (cut - start < max / 2) {
                cut = Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
            }
            parts.add(text.substring(start, cut));
            start = cut;
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The text itself if it fits, else its start and an ellipsis, {@code max} characters in all. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
