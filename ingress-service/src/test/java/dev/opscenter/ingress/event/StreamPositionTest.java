package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.ingress.event.StreamPosition.Fate;
import dev.opscenter.ingress.event.StreamPosition.StreamId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamPositionTest {
    /** Entries 1000-0 .. 5000-0 in the stream, the group has read up to 3000-0. */
    static final StreamPosition BEHIND =
            new StreamPosition(StreamId.parse("1000-0"), StreamId.parse("5000-0"), StreamId.parse("3000-0"));

    static final Instant DUE = Instant.ofEpochMilli(4000);

    private static Fate fate(StreamPosition position, String entry, boolean pending, boolean retrying) {
        return position.fate(7, entry, DUE, e -> pending, id -> retrying);
    }

    @Test
    void entryAheadOfTheGroupIsWaiting() {
        assertEquals(Fate.WAITING, fate(BEHIND, "4000-1", false, false));
    }

    @Test
    void entryOlderThanTheStreamAndUnreadWasTrimmed() {
        StreamPosition trimmedPastGroup =
                new StreamPosition(StreamId.parse("4500-0"), StreamId.parse("5000-0"), StreamId.parse("3000-0"));
        assertEquals(Fate.LOST, fate(trimmedPastGroup, "4000-0", false, false));
    }

    @Test
    void noEntryMeansNeverEnqueued() {
        assertEquals(Fate.LOST, fate(BEHIND, null, false, false));
    }

    @Test
    void noEntryButInTheRetrySetIsWaiting() {
        // appended while a worker held its row (entry id not recorded), then failed and scheduled for a retry
        assertEquals(Fate.WAITING, fate(BEHIND, null, false, true));
    }

    @Test
    void missingStreamLosesEveryEntry() {
        assertEquals(Fate.LOST, fate(new StreamPosition(null, StreamId.ZERO, StreamId.ZERO), "4000-0", false, false));
    }

    @Test
    void readButUnacknowledgedIsLeftToTheClaim() {
        assertEquals(Fate.CLAIMABLE, fate(BEHIND, "2000-0", true, false));
    }

    @Test
    void acknowledgedAndInTheRetrySetIsWaiting() {
        assertEquals(Fate.WAITING, fate(BEHIND, "2000-0", false, true));
    }

    @Test
    void acknowledgedWhileTheGroupIsBehindItsDueTimeMayHaveARetryEntryWaiting() {
        assertEquals(Fate.WAITING, fate(BEHIND, "2000-0", false, false));
    }

    @Test
    void acknowledgedWithNothingLeftToReadWasLost() {
        StreamPosition caughtUp =
                new StreamPosition(StreamId.parse("1000-0"), StreamId.parse("5000-0"), StreamId.parse("5000-0"));
        assertEquals(Fate.LOST, fate(caughtUp, "2000-0", false, false));
    }

    @Test
    void idsCompareByTimeThenSequence() {
        assertEquals(-1, Integer.signum(StreamId.parse("9-5").compareTo(StreamId.parse("10-0"))));
        assertEquals(1, Integer.signum(StreamId.parse("10-2").compareTo(StreamId.parse("10-1"))));
    }
}
