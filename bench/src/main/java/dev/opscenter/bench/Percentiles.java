package dev.opscenter.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * Percentiles summarises latency samples by sorting them once; a run holds at most a few hundred thousand samples,
 * so an exact sorted array is cheaper to trust than an approximating histogram.
 *
 * @param count how many samples were taken
 */
record Percentiles(int count, Duration p50, Duration p95, Duration p99, Duration max) {

    /** Summarises samples in nanoseconds; the array is sorted in place. */
    static Percentiles of(long[] nanos) {
        Arrays.sort(nanos);
        if (nanos.length == 0) {
            return new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        return new Percentiles(
                nanos.length,
                Duration.ofNanos(rank(nanos, 50)),
                Duration.ofNanos(rank(nanos, 95)),
                Duration.ofNanos(rank(nanos, 99)),
                Duration.ofNanos(nanos[nanos.length - 1]));
    }

    /**
     * Nearest-rank percentile: the smallest sample with at least {@code percent}% of samples at or below it,
     * so every reported figure is a latency that was actually observed.
     */
    static long rank(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    /** One line such as {@code n=1200 p50=3.10ms p95=7.42ms p99=12.00ms max=40.31ms}. */
    String format() {
        if (count == 0) {
            return "n=0";
        }
        return "n=%d p50=%s p95=%s p99=%s max=%s".formatted(count, millis(p50), millis(p95), millis(p99), millis(max));
    }

    private static String millis(Duration d) {
        return "%.2fms".formatted(d.toNanos() / 1_000_000.0);
    }
}
