package dev.opscenter.bench;

import java.util.Arrays;

/** Samples is a growable array of primitive longs owned by one worker thread, so recording allocates no boxes. */
final class Samples {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** Concatenates the samples of several workers. */
    static long[] merge(Iterable<Samples> parts) {
        int total = 0;
        for (Samples part : parts) {
            total += part.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Samples part : parts) {
            System.arraycopy(part.values, 0, all, at, part.size);
            at += part.size;
        }
        return all;
    }
}
