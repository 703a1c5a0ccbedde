package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LiveListenerTest {
    private final LiveListener listener = new LiveListener();

    @Test
    void readsEachAlertOfABatchFrameAndCountsTheOtherMessages() {
        listener.accept(
                "{\"type\":\"batch\",\"messages\":[{\"type\":\"alert\",\"id\":\"1-0\",\"data\":{\"eventId\":11}},"
                        + "{\"type\":\"notification\",\"data\":{\"eventId\":99}},{\"type\":\"alert\",\"id\":\"2-0\",\"data\":{\"eventId\":12}}]}",
                5);

        assertEquals(5L, listener.arrivalOf(11));
        assertEquals(5L, listener.arrivalOf(12));
        assertNull(listener.arrivalOf(99), "a notification is not an alert");
        assertEquals(1, listener.otherMessages());
    }

    @Test
    void readsAnAlertSentAlone() {
        listener.accept("{\"type\":\"alert\",\"id\":\"1-0\",\"data\":{\"eventId\":7}}", 3);

        assertEquals(3L, listener.arrivalOf(7));
    }
}
