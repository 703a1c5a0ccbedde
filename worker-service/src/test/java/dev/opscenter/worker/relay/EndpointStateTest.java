package dev.opscenter.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointStateTest {
    static final RelaySettings SETTINGS = new RelaySettings(
            8,
            1,
            Duration.ofSeconds(2),
            Duration.ofMinutes(2),
            5,
            List.of(Duration.ofSeconds(10)),
            0.2,
            Duration.ofMinutes(1),
            Duration.ofSeconds(15),
            Duration.ofMinutes(1),
            3,
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            Duration.ofHours(24),
            4,
            Duration.ofMillis(20),
            Duration.ofSeconds(1));
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void opensOnTheThresholdFailureForTheBaseCooldown() {
        EndpointState state = EndpointState.HEALTHY;
        for (int i = 0; i < 2; i++) {
            state = state.afterFailure(T0.plusSeconds(i), false, SETTINGS);
        }
        assertNull(state.openUntil(), "two failures of three keep it closed");
        assertEquals(T0, state.failingSince(), "the clock starts at the first failure");

        state = state.afterFailure(T0.plusSeconds(10), false, SETTINGS);
        assertEquals(T0.plusSeconds(10).plus(Duration.ofMinutes(1)), state.openUntil());
        assertEquals(1, state.opens());
        assertEquals(3, state.consecutiveFailures());
    }

    @Test
    void aFailedProbeReopensForTwiceTheCooldownUpToTheMaximum() {
        EndpointState state = new EndpointState(3, T0, T0.plusSeconds(60), 1);
        state = state.afterFailure(T0.plusSeconds(120), true, SETTINGS);
        assertEquals(T0.plusSeconds(120).plus(Duration.ofMinutes(2)), state.openUntil());
        for (int i = 0; i < 10; i++) {
            state = state.afterFailure(T0, true, SETTINGS);
        }
        assertEquals(T0.plus(Duration.ofHours(1)), state.openUntil(), "capped at the maximum cool-down");
    }

    @Test
    void failuresOfAttemptsInFlightWhileOpenOnlyCount() {
        EndpointState open = new EndpointState(3, T0, T0.plusSeconds(60), 1);
        EndpointState after = open.afterFailure(T0.plusSeconds(5), false, SETTINGS);
        assertEquals(open.openUntil(), after.openUntil(), "the cool-down is not extended");
        assertEquals(1, after.opens());
        assertEquals(4, after.consecutiveFailures());
    }

    @Test
    void failingTooLongOnlyOnceTheWholePeriodHasFailed() {
        EndpointState failing = new EndpointState(40, T0, T0.plusSeconds(60), 6);
        assertFalse(failing.failingTooLong(T0.plus(Duration.ofHours(24)).minusSeconds(1), SETTINGS));
        assertTrue(failing.failingTooLong(T0.plus(Duration.ofHours(24)), SETTINGS));
        assertFalse(EndpointState.HEALTHY.failingTooLong(T0, SETTINGS));
    }
}
