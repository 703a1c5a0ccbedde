package dev.opscenter.ingress.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One log line per client per minute, the next one telling how many rejections went unlogged. */
class RejectionLogTest {
    private final MutableClock clock = new MutableClock();
    private final RejectionLog log = new RejectionLog(clock, Duration.ofMinutes(1));

    @Test
    void logsTheFirstRejectionOfAClient() {
        assertEquals(
                Optional.of("rejected admin token from 203.0.113.1: wrong token"),
                log.line("203.0.113.1", "admin token", "wrong token"));
    }

    @Test
    void suppressesFurtherRejectionsWithinTheMinute() {
        log.line("203.0.113.1", "admin token", "wrong token");

        assertEquals(Optional.empty(), log.line("203.0.113.1", "admin token", "wrong token"));
    }

    @Test
    void nextLineCountsWhatWasSuppressed() {
        for (int i = 0; i < 5; i++) {
            log.line("203.0.113.1", "admin token", "wrong token");
        }
        clock.advance(Duration.ofSeconds(61));

        assertEquals(
                Optional.of("rejected admin token from 203.0.113.1: wrong token (4 more from this client not logged)"),
                log.line("203.0.113.1", "admin token", "wrong token"));
    }

    @Test
    void eachClientHasItsOwnLine() {
        log.line("203.0.113.1", "admin token", "wrong token");

        assertEquals(
                Optional.of("rejected API key from 203.0.113.2: unknown"),
                log.line("203.0.113.2", "API key", "unknown"));
    }
}
