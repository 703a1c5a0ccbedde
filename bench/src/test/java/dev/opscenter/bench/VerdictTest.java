package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void keptUpWhenAnsweredOnScheduleWithAFlatBacklogAllProcessed() {
        assertTrue(IngressLoad.keptUp(1000, 60, 60.15, 4.3, true));
    }

    @Test
    void anIngressThatQueuedTheLoadDidNotKeepUpHoweverFlatTheBacklog() {
        // 60 s of requests answered over 83.6 s: the senders queued them, so the backlog downstream looked flat
        assertFalse(IngressLoad.keptUp(1000, 60, 83.58, 6.7, true));
    }

    @Test
    void aGrowingOrUndrainedBacklogDidNotKeepUp() {
        assertFalse(IngressLoad.keptUp(1000, 60, 60.1, 667.8, false));
        assertFalse(IngressLoad.keptUp(1000, 60, 60.1, 10.1, true), "more than 1 % of the rate");
        assertFalse(IngressLoad.keptUp(1000, 60, 60.1, 0, false), "not all processed within the drain");
    }
}
