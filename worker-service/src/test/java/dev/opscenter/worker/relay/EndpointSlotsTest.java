package dev.opscenter.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointSlotsTest {
    private final EndpointSlots slots = new EndpointSlots(EndpointStateTest.SETTINGS); // 4 per endpoint

    @Test
    void eachEndpointHasItsOwnSlotsUpToTheLimit() {
        for (int i = 0; i < 4; i++) {
            assertTrue(slots.tryTake(1));
        }
        assertFalse(slots.tryTake(1), "the fifth send to endpoint 1 waits");
        assertTrue(slots.tryTake(2), "endpoint 2 is not affected");
        assertEquals(4, slots.sending(1));
    }

    @Test
    void aReleasedSlotCanBeTakenAgainAndAnIdleEndpointLeavesNothingBehind() {
        for (int i = 0; i < 4; i++) {
            slots.tryTake(7);
        }
        slots.release(7);
        assertTrue(slots.tryTake(7));
        for (int i = 0; i < 4; i++) {
            slots.release(7);
        }
        assertEquals(0, slots.sending(7));
        slots.release(7); // an extra release never goes below zero
        assertEquals(0, slots.sending(7));
    }
}
