package dev.opscenter.ingress.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * RejectionLog keeps rejected requests from flooding the log: at most one line per client per interval; the client's
 * next line says how many rejections went unlogged since the previous one.
 */
final class RejectionLog {
    private final Clock clock;
    private final Duration interval;
    private final ClientTable<Entry> entries;

    /** quietUntil: no line before; suppressed: rejections since the last line; unreported: what the next line tells. */
    private record Entry(Instant quietUntil, long suppressed, long unreported, boolean print) {}

    RejectionLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
        // an entry outlives its quiet interval so the suppressed count still reaches the client's next line
        this.entries = new ClientTable<>(100_000, e -> e.quietUntil().plus(interval.multipliedBy(60)));
    }

    /** The line to write for this rejection, or empty when an earlier line of this interval covers it. */
    Optional<String> line(String client, String what, String detail) {
        Instant now = clock.instant();
        Entry entry = entries.update(client, now, old -> {
            if (old == null) {
                return new Entry(now.plus(interval), 0, 0, true);
            }
            if (!old.quietUntil().isAfter(now)) {
                return new Entry(now.plus(interval), 0, old.suppressed(), true);
            }
            return new Entry(old.quietUntil(), old.suppressed() + 1, 0, false);
        });
        if (!entry.print()) {
            return Optional.empty();
        }
        String more = entry.unreported() == 0 ? "" : " (" + entry.unreported() + " more from this client not logged)";
        return Optional.of("rejected " + what + " from " + client + ": " + detail + more);
    }
}
