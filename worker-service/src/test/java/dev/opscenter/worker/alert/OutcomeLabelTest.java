package dev.opscenter.worker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The outcome tags of opscenter_worker_events_total are the ones docs/operations.md lists for dashboards and alerts. */
class OutcomeLabelTest {

    @Test
    void eachOutcomeHasItsDocumentedTag() {
        assertEquals("processed", EventBatchHandler.label(new Outcome.Processed(1, 7L, true)));
        assertEquals("skipped", EventBatchHandler.label(new Outcome.Skipped(1, "already processed")));
        assertEquals("retrylater", EventBatchHandler.label(new Outcome.RetryLater(1, 1, Instant.EPOCH, "boom")));
        assertEquals("failed", EventBatchHandler.label(new Outcome.Failed(1, 3, "boom")));
    }
}
