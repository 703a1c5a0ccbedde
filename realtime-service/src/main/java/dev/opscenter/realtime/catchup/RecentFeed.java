package dev.opscenter.realtime.catchup;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * RecentFeed is the tail of the feed as this instance received it live: the last {@code catch-up-limit} entries, in
 * feed order, with no gap since it was last {@linkplain #clear() cleared}. A reconnecting socket whose last seen id
 * is within it is caught up from memory; only one that has been away longer costs a read of the feed stream. In a
 * reconnect storm under load that is the difference between every socket reading hundreds of entries from Redis and
 * none of them doing so.
 *
 * <p>Why it is exact: every feed entry is appended and published in one script, so the live channel carries every
 * entry, in feed order. While the subscription stays connected nothing is skipped; whenever it is lost the tail is
 * cleared, and it fills again from the next message received.
 */
@Singleton
public final class RecentFeed {
    private final FeedEntry[] ring;
    // guarded by this
    private int start;
    private int size;

    @Inject
    RecentFeed(CatchUpSettings settings) {
        this(settings.catchUpLimit());
    }

    RecentFeed(int capacity) {
        this.ring = new FeedEntry[capacity];
    }

    /** Notes an entry received live; entries must come in feed order (an older or repeated one clears the tail). */
    public synchronized void append(FeedEntry entry) {
        if (size > 0 && !entry.id().isAfter(at(size - 1).id())) {
            clear();
        }
        if (size == ring.length) {
            ring[start] = null;
            start = (start + 1) % ring.length;
            size--;
        }
        ring[(start + size) % ring.length] = entry;
        size++;
    }

    /** Forgets the tail: what comes next may not follow it (the live subscription was lost). */
    public synchronized void clear() {
        Arrays.fill(ring, null);
        start = 0;
        size = 0;
    }

    /**
     * The catch-up of a socket whose last seen entry is {@code since}, if the tail holds that entry: everything after
     * it was received live and is still held. Empty when the tail does not hold {@code since} (older than the tail,
     * or an id this instance never received), and the feed stream has to be read.
     */
    public synchronized Optional<CatchUp> after(FeedId since) {
        int first = firstAfter(since);
        if (first == 0 || !at(first - 1).id().equals(since)) {
            return Optional.empty();
        }
        List<FeedEntry> missed = new ArrayList<>(size - first);
        for (int i = first; i < size; i++) {
            missed.add(at(i));
        }
        return Optional.of(new CatchUp.Missed(
                missed, missed.isEmpty() ? since : missed.get(missed.size() - 1).id()));
    }

    private int firstAfter(FeedId since) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (at(middle).id().isAfter(since)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private FeedEntry at(int index) {
        return ring[(start + index) % ring.length];
    }
}
