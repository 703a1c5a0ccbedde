package dev.opscenter.common.notify;

import com.google.re2j.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regexes compiles {@code matches} patterns once with RE2/J, whose matching time is linear in the text and never
 * recurses per character: a pattern that backtracks exponentially (or overflows the stack) in java.util.regex is an
 * ordinary scan here. Rules are evaluated for every event, with the same few patterns, against payloads that senders
 * control; how much text one event may put through patterns is bounded by its {@link RegexBudget}.
 */
final class Regexes {
    static final int MAX_PATTERN_LENGTH = 500;
    private static final int CACHE_SIZE = 256;

    // A process-wide cache is the point: the callers' API is static. Access-ordered, so the eldest is least used.
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Regexes() {
    }

    /** The compiled pattern; throws com.google.re2j.PatternSyntaxException for an invalid one, which is not cached. */
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

    /** Whether the pattern is found in the text; false, without scanning, when the text does not fit the budget. */
    static boolean find(Pattern pattern, String text, RegexBudget budget) {
        return budget.spend(text.length()) && pattern.matcher(text).find();
    }

    static int cachedCount() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }
}
