package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.source.SourceKind;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A group commit's rows go in with one statement: each caller learns whether its delivery was new or a repeat, of a
 * delivery stored before or of one earlier in the same batch, and rows with no delivery id never conflict.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchInsertIT extends IngressIT {
    @Inject
    SourceRepository sources;
    @Inject
    EventRecorder recorder;
    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void eachRowOfABatchGetsItsOwnOutcome() throws Exception {
        long source = sources.insert("GitHub", "gh-batch", SourceKind.GITHUB, "batch-secret", Map.of(), true).orElseThrow().id();
        long earlier = tx.executeWrite(s -> recorder.insertAll(List.of(webhook(source, "stored-before", "{\"n\":0}")))).get(0).id();

        List<Recorded> outcomes = tx.executeWrite(s -> recorder.insertAll(List.of(
                webhook(source, "new-a", "{\"n\":1}"),
                webhook(source, "stored-before", "{\"n\":2}"),
                webhook(source, null, "{\"n\":3}"),
                webhook(source, "new-a", "{\"n\":4}"),
                webhook(source, null, "{\"n\":5}"),
                webhook(source, "new-b", "{\"n\":6}"))));

        Recorded a = outcomes.get(0);
        assertInstanceOf(Recorded.Accepted.class, a);
        assertEquals(new Recorded.Duplicate(earlier), outcomes.get(1), "a delivery stored by an earlier commit");
        assertInstanceOf(Recorded.Accepted.class, outcomes.get(2));
        assertEquals(new Recorded.Duplicate(a.id()), outcomes.get(3), "a delivery twice in one batch is stored once");
        assertInstanceOf(Recorded.Accepted.class, outcomes.get(4));
        assertNotEquals(outcomes.get(2).id(), outcomes.get(4).id(), "rows without a delivery id never conflict");
        assertInstanceOf(Recorded.Accepted.class, outcomes.get(5));

        for (int n : new int[] {0, 2, 4, 5}) {
            assertEquals(1, count("SELECT count(*) FROM webhook_events WHERE id = " + outcomes.get(n).id()
                    + " AND payload = '{\"n\": " + (n + 1) + "}'::jsonb AND status = 'pending' AND next_sweep_at > now()"
                    + " AND body_sha256 = sha256(raw_body)"), "row " + n + " holds its own webhook");
        }
        assertEquals(5, count("SELECT count(*) FROM webhook_events WHERE source_id = " + source), "one row per new delivery");
    }

    private static IncomingWebhook webhook(long source, String delivery, String body) {
        return new IncomingWebhook(source, "ping", delivery, body.getBytes(StandardCharsets.UTF_8), body,
                "application/json", "{\"x-github-event\":\"ping\"}", null, "127.0.0.1");
    }
}
