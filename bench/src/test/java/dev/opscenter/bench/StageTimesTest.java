package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StageTimesTest {

    /** An event whose stages took these many microseconds, from a due instant of {@code due}. */
    private static long[] event(long due, long... stages) {
        long[] at = new long[stages.length + 1];
        at[0] = due;
        for (int s = 0; s < stages.length; s++) {
            at[s + 1] = at[s] + stages[s];
        }
        return at;
    }

    @Test
    void theTailLineNamesTheStageTheSlowestEventsSpentTheirTimeIn() {
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            // the slowest 1% wait 200 ms for the worker's claim; every other stage is the same for all
            long claimed = i >= 990 ? 200_000 : 10_000;
            events.add(event(1_000_000L * i, 300, 100, 2_000 + i, claimed, 3_000, 5_000, 1_000));
        }
        // the run reads the rows in no particular order: the slow ones must not be found by their place in the list
        Collections.shuffle(events, new Random(8));

        String[] lines = StageTimes.report(events).split(System.lineSeparator());

        assertEquals(2, lines.length);
        assertTrue(
                lines[0].contains("(n=1000)") && lines[0].contains("claimed 10.0 / 10.0"),
                "the 10 slow claims are under 1%: p50 and p99 stay 10 ms: " + lines[0]);
        assertTrue(lines[0].contains("due → picked up 0.3 / 0.3, written 0.1 / 0.1, stored 2.5 / 3.0"), lines[0]);
        assertTrue(lines[1].contains("among the 11 at or above the p99"), lines[1]);
        assertTrue(
                lines[1].contains("claimed 200.0") && lines[1].contains("published 5.0"),
                "the tail's median claim is the slow one, the other stages unchanged: " + lines[1]);
    }

    @Test
    void noEventsSaysSoAndAMalformedEventIsRefused() {
        assertTrue(StageTimes.report(List.of()).contains("none"));
        assertThrows(IllegalArgumentException.class, () -> StageTimes.report(List.<long[]>of(new long[] {1, 2, 3})));
    }
}
