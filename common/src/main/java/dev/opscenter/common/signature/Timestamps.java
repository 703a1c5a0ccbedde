package dev.opscenter.common.signature;

import java.time.Duration;
import java.time.Instant;

/** Replay window shared by the timestamped schemes: too old and too far in the future both fail. */
final class Timestamps {
    private Timestamps() {}

    static boolean fresh(long epochSeconds, Instant now, Duration tolerance) {
        long age = now.getEpochSecond() - epochSeconds;
        return Math.abs(age) <= tolerance.toSeconds();
    }
}
