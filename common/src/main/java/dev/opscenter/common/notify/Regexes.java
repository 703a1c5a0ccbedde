package dev.opscenter.common.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.re2j.Pattern;

/**
 * Regexes compiles {@code matches} patterns once with RE2/J, whose matching time is linear in the text and never
 * recurses per character: a pattern that backtracks exponentially (or overflows the stack) in java.util.regex is an
 * ordinary scan here. Rules are evaluated for every event, with the same few patterns, against payloads that senders
 * control; how much text one event may put through patterns is bounded by its {@link RegexBudget}.
 */
final class Regexes {
    static final int MAX_PATTERN_LENGTH = 500;
    private static final int CACHE_SIZE = 256;

    // A process-wide cache is the point: the callers' API is static.
    private static final Cache<String, Pattern> CACHE =
            Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();

    private Regexes() {}

    /** The compiled pattern; throws com.google.re2j.PatternSyntaxException for an invalid one, which is not cached. */
    static Pattern compile(String regex) {
        return CACHE.get(regex, Pattern::compile);
    }

    /** Whether the pattern is found in the text; false, without scanning, when the text does not fit the budget. */
    static boolean find(Pattern pattern, String text, RegexBudget budget) {
        return budget.spend(text.length()) && pattern.matcher(text).find();
    }

    /** How many patterns are cached, once pending evictions are done. */
    static long cachedCount() {
        CACHE.cleanUp();
        return CACHE.estimatedSize();
    }
}
