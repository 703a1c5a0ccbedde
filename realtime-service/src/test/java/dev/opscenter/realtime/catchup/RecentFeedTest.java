package dev.opscenter.realtime.catchup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentFeedTest {
    private final RecentFeed recent = new RecentFeed(3);

    @Test
    void catchesUpFromAHeldIdWithEverythingAfterIt() {
        append(1, 2, 3);

        assertEquals(
                new CatchUp.Missed(List.of(entry(2), entry(3)), id(3)),
                recent.after(id(1)).orElseThrow());
    }

    @Test
    void aClientThatSawTheNewestEntryMissedNothing() {
        append(1, 2);

        assertEquals(new CatchUp.Missed(List.of(), id(2)), recent.after(id(2)).orElseThrow());
    }

    @Test
    void holdsOnlyTheNewestEntriesSoAnOlderIdIsLeftToTheFeedStream() {
        append(1, 2, 3, 4);

        assertEquals(Optional.empty(), recent.after(id(1)), "1 fell out of the tail");
        assertEquals(
                new CatchUp.Missed(List.of(entry(3), entry(4)), id(4)),
                recent.after(id(2)).orElseThrow());
    }

    @Test
    void anIdItNeverHeldIsLeftToTheFeedStream() {
        append(2, 4);

        assertEquals(Optional.empty(), recent.after(id(3)), "between two held entries");
        assertEquals(Optional.empty(), recent.after(id(9)), "newer than anything held");
        assertEquals(Optional.empty(), recent.after(id(1)), "older than anything held");
        assertEquals(Optional.empty(), new RecentFeed(3).after(id(1)), "nothing held");
    }

    @Test
    void clearingForgetsEverythingUntilEntriesArriveAgain() {
        append(1, 2);
        recent.clear();

        assertEquals(Optional.empty(), recent.after(id(1)));
        append(5, 6);
        assertInstanceOf(CatchUp.Missed.class, recent.after(id(5)).orElseThrow());
        assertEquals(Optional.empty(), recent.after(id(2)));
    }

    @Test
    void anEntryOutOfOrderStartsTheTailAgainRatherThanLeaveAGapUnnoticed() {
        append(5, 6);
        append(4);

        assertTrue(recent.after(id(5)).isEmpty());
        assertEquals(new CatchUp.Missed(List.of(), id(4)), recent.after(id(4)).orElseThrow());
    }

    private void append(int... sequences) {
        for (int sequence : sequences) {
            recent.append(entry(sequence));
        }
    }

    private static FeedEntry entry(int sequence) {
        return new FeedEntry(id(sequence), "{\"id\":\"1-" + sequence + "\"}");
    }

    private static FeedId id(int sequence) {
        return new FeedId(1, sequence);
    }
}
