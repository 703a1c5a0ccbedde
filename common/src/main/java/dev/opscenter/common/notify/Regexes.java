package dev.opscenter.common.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Regexes compiles {@code matches} patterns once and bounds the work one match may do. Rules are evaluated for
 * every event, with the same few patterns, against payloads that senders control.
 */
final class Regexes {
    static final int MAX_PATTERN_LENGTH = 500;
    private static final int CACHE_SIZE = 256;
    // enough for ordinary patterns over large payloads; a backtracking pattern gives up instead of holding a thread
    private static final long BASE_STEPS = 1_000_000;
    private static final long STEPS_PER_CHAR = 100;

    // A process-wide cache is the point: the callers' API is static. Access-ordered, so the eldest is least used.
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Regexes() {
    }

    /** The compiled pattern; throws PatternSyntaxException for an invalid one, which is not cached. */
    static Pattern compile(String regex) {
        synchronized (CACHE) {
            Pattern cached = CACHE.get(regex);
            if (cached != null) {
                return cached;
            }
        }
        Pattern compiled = Pattern.compile(regex);
        synchronized (CACHE) {
            CACHE.put(regex, compiled);
        }
        return compiled;
    }

    /** Whether the pattern is found in the text; false when finding out would take more than the step budget. */
    static boolean find(Pattern pattern, String text) {
        try {
            return pattern.matcher(new Budgeted(text, BASE_STEPS + STEPS_PER_CHAR * text.length())).find();
        } catch (BudgetExceeded e) {
            return false;
        }
    }

    static int cachedCount() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    /** A text that counts how often the matcher reads it; catastrophic backtracking reads it without end. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private long remaining;

        Budgeted(String text, long steps) {
            this.text = text;
            this.remaining = steps;
        }

        @Override
        public char charAt(int index) {
            if (--remaining < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }
}
