package dev.opscenter.realtime.catchup;

import java.util.Optional;

/**
 * FeedId is the id of a feed stream entry, {@code <millis>-<sequence>}; ids order as (millis, sequence) pairs, which
 * string comparison gets wrong ({@code 9-0} is before {@code 10-0}).
 */
public record FeedId(long millis, long sequence) implements Comparable<FeedId> {

    public FeedId {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("feed id parts must not be negative");
        }
    }

    /** Parses {@code <millis>-<sequence>}, or nothing if the text is not a feed id. */
    public static Optional<FeedId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        if (dash <= 0
                || dash == text.length() - 1
                || !digits(text, 0, dash)
                || !digits(text, dash + 1, text.length())) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new FeedId(Long.parseLong(text, 0, dash, 10), Long.parseLong(text, dash + 1, text.length(), 10)));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    /** Parses an id known to be well formed, such as one Redis returned; throws otherwise. */
    public static FeedId of(String redisId) {
        return parse(redisId).orElseThrow(() -> new IllegalStateException("not a stream id: " + redisId));
    }

    @Override
    public int compareTo(FeedId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    /** Whether this id comes after the other one. */
    public boolean isAfter(FeedId other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
