package dev.opscenter.common.notify;

/**
 * RegexBudget is how many characters of text one event may put through {@code matches} conditions, across every
 * condition of every rule evaluated for it. RE2/J scans linearly, so characters bound the time; a condition whose
 * text no longer fits reads as no match. Not thread-safe: one per event evaluation.
 */
public final class RegexBudget {
    private long remaining;

    public RegexBudget(long characters) {
        this.remaining = Math.max(0, characters);
    }

    /** Takes the characters from the budget if they fit; false (and nothing taken) otherwise. */
    boolean spend(long characters) {
        if (characters > remaining) {
            return false;
        }
        remaining -= characters;
        return true;
    }

    /** Characters still available. */
    public long remaining() {
        return remaining;
    }
}
