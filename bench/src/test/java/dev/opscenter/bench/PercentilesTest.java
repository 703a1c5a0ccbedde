package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        long[] samples = new long[100];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 100 - i; // reversed, to show the summary sorts
        }
        Percentiles p = Percentiles.of(samples);
        assertEquals(100, p.count());
        assertEquals(Duration.ofNanos(50), p.p50());
        assertEquals(Duration.ofNanos(95), p.p95());
        assertEquals(Duration.ofNanos(99), p.p99());
        assertEquals(Duration.ofNanos(100), p.max());
    }

    @Test
    void percentileIsAnObservedSampleNotAnInterpolation() {
        long[] sorted = {10, 20, 30, 40};
        assertEquals(20, Percentiles.rank(sorted, 50));
        assertEquals(40, Percentiles.rank(sorted, 95));
        assertEquals(10, Percentiles.rank(sorted, 1));
    }

    @Test
    void singleSampleIsEveryPercentile() {
        Percentiles p = Percentiles.of(new long[] {7_000_000});
        assertEquals(Duration.ofMillis(7), p.p50());
        assertEquals(Duration.ofMillis(7), p.p99());
        assertEquals("n=1 p50=7.00ms p95=7.00ms p99=7.00ms max=7.00ms", p.format());
    }

    @Test
    void noSamplesReportsZeroCount() {
        Percentiles p = Percentiles.of(new long[0]);
        assertEquals(0, p.count());
        assertEquals("n=0", p.format());
        assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(new long[0], 50));
    }

    @Test
    void rejectsPercentOutsideRange() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.rank(new long[] {1}, 101));
    }

    @Test
    void mergesSamplesOfSeveralWorkers() {
        Samples a = new Samples();
        Samples b = new Samples();
        for (int i = 0; i < 3000; i++) {
            a.add(i);
        }
        b.add(-1);
        long[] all = Samples.merge(java.util.List.of(a, b));
        assertEquals(3001, all.length);
        assertEquals(-1, all[3000]);
        assertEquals(2999, all[2999]);
    }
}
