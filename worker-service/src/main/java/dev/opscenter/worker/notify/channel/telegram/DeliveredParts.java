package dev.opscenter.worker.notify.channel.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DeliveredParts remembers how many parts of a split message Telegram already accepted, per notification, so the
 * retry of a partly delivered message sends only the rest. The memory is per replica and bounded: a retry that
 * lands on another replica, after a restart, or after {@link #KEEP} starts again from the first part (a duplicate,
 * never a loss).
 */
final class DeliveredParts {
    static final Duration KEEP = Duration.ofHours(24);
    static final int MAX_ENTRIES = 10_000;

    private record Progress(int textHash, int total, int delivered, Instant at) {}

    private final Map<String, Progress> progress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Index of the first part still to send: 0 unless the same text was partly delivered recently. */
    synchronized int resumeAt(String key, String text, int total, Instant now) {
        Progress p = key == null ? null : progress.get(key);
        if (p == null
                || p.textHash() != text.hashCode()
                || p.total() != total
                || p.at().plus(KEEP).isBefore(now)) {
            return 0;
        }
        return p.delivered();
    }

    /** Records that the first {@code delivered} parts are with Telegram. */
    synchronized void delivered(String key, String text, int total, int delivered, Instant now) {
        if (key != null) {
            progress.put(key, new Progress(text.hashCode(), total, delivered, now));
        }
    }

    /** The whole message is delivered: nothing left to resume. */
    synchronized void forget(String key) {
        if (key != null) {
            progress.remove(key);
        }
    }
}
