package dev.opscenter.worker.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EndpointSlotsTest {
    private final EndpointSlots slots = new EndpointSlots(EndpointStateTest.SETTINGS); // 4 per endpoint

    @Test
    void eachEndpointHasItsOwnSlotsUpToTheLimit() {
        for (int i = 0; i < 4; i++) {
            assertTrue(slots.tryTake(1));
        }
        assertFalse(slots.tryTake(1), "the fifth send to endpoint 1 gets no slot within the wait");
        assertTrue(slots.tryTake(2), "endpoint 2 is not affected");
        assertEquals(4, slots.sending(1));
    }

    @Test
    void aSlotReleasedWhileAReaderWaitsGoesToThatReader() throws Exception {
        EndpointSlots patient = new EndpointSlots(withSlotWait(Duration.ofSeconds(30)));
        for (int i = 0; i < 4; i++) {
            patient.tryTake(7);
        }
        AtomicBoolean got = new AtomicBoolean();
        Thread reader = new Thread(() -> got.set(patient.tryTake(7)));
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);
        patient.release(7);
        reader.join(Duration.ofSeconds(10));
        assertTrue(got.get(), "the waiting reader got the freed slot");
        assertEquals(4, patient.sending(7));
    }

    private static RelaySettings withSlotWait(Duration wait) {
        RelaySettings s = EndpointStateTest.SETTINGS;
        return new RelaySettings(
                s.concurrency(),
                s.batchSize(),
                s.block(),
                s.claimIdle(),
                s.maxAttempts(),
                s.retrySchedule(),
                s.jitter(),
                s.sendTimeout(),
                s.sweepInterval(),
                s.sweepGrace(),
                s.breakerFailures(),
                s.breakerCooldown(),
                s.breakerMaxCooldown(),
                s.disableAfter(),
                s.endpointConcurrency(),
                wait,
                s.endpointBusyWait());
    }
}
