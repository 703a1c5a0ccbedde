package dev.opscenter.common.notify;

/**
 * EventTypePattern matches event types against a rule's pattern: {@code *} stands for any run of characters, dots
 * included ({@code charge.*} matches {@code charge.dispute.created}); everything else is literal and
 * case-sensitive; alternatives are comma-separated ({@code push, pull_request}).
 */
public final class EventTypePattern {
    private EventTypePattern() {}

    /** Whether the event type matches; a null, blank or "*" pattern matches any type, even none. */
    public static boolean matches(String pattern, String eventType) {
        if (pattern == null || pattern.isBlank() || pattern.equals("*")) {
            return true;
        }
        if (eventType == null) {
            return false;
        }
        for (String alternative : pattern.split(",", -1)) {
            String glob = alternative.trim();
            if (!glob.isEmpty() && glob(glob, eventType)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Wildcard match without regex, so a pattern cannot inject one. On a mismatch it retries from the last star
     * one character further, which bounds the work by pattern length times text length.
     */
    private static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
