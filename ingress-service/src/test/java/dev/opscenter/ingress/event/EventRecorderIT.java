package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One recorder stores webhooks and triggered events and says what each came to: new, a repeat of the first, or JSON
 * PostgreSQL cannot store (nothing stored). A group commit's rows go in with one statement per origin, each caller
 * learning whether its event was new or a repeat, of one stored before or of one earlier in the same batch; rows with no
 * delivery id never conflict, and each origin repeats only on its own key.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRecorderIT extends IngressIT {
    @Inject
    SourceRepository sources;

    @Inject
    EventRecorder recorder;

    @Inject
    TransactionOperations<Connection> tx;

    private long source;
    private long eventSource;
    private long apiKey;

    @BeforeAll
    void origins() throws SQLException {
        source = sources.insert("GitHub", "gh-recorder", SourceKind.GITHUB, "recorder-test-secret", Map.of(), true)
                .orElseThrow()
                .id();
        sql(
                "INSERT INTO event_sources (name) VALUES ('order.created')",
                "INSERT INTO api_keys (name, prefix, key_hash) VALUES ('shop', 'ok_recorder', sha256('recorder'))");
        eventSource = count("SELECT id FROM event_sources WHERE name = 'order.created'");
        apiKey = count("SELECT id FROM api_keys WHERE name = 'shop'");
    }

    @Test
    void eachRowOfABatchGetsItsOwnOutcome() throws Exception {
        long batchSource = sources.insert("GitHub", "gh-batch", SourceKind.GITHUB, "batch-secret", Map.of(), true)
                .orElseThrow()
                .id();
        long earlier = accepted(
                tx.executeWrite(s -> recorder.insertAll(List.of(webhook(batchSource, "stored-before", "{\"n\":0}"))))
                        .get(0));

        List<Recorded> outcomes = tx.executeWrite(s -> recorder.insertAll(List.of(
                webhook(batchSource, "new-a", "{\"n\":1}"),
                webhook(batchSource, "stored-before", "{\"n\":2}"),
                webhook(batchSource, null, "{\"n\":3}"),
                webhook(batchSource, "new-a", "{\"n\":4}"),
                webhook(batchSource, null, "{\"n\":5}"),
                webhook(batchSource, "new-b", "{\"n\":6}"))));

        long a = accepted(outcomes.get(0));
        assertEquals(new Recorded.Duplicate(earlier), outcomes.get(1), "a delivery stored by an earlier commit");
        assertEquals(new Recorded.Duplicate(a), outcomes.get(3), "a delivery twice in one batch is stored once");
        assertNotEquals(
                accepted(outcomes.get(2)), accepted(outcomes.get(4)), "rows without a delivery id never conflict");

        for (int n : new int[] {0, 2, 4, 5}) {
            assertEquals(
                    1,
                    count("SELECT count(*) FROM webhook_events WHERE id = " + accepted(outcomes.get(n))
                            + " AND payload IS NULL AND body_is_json AND convert_from(raw_body, 'UTF8')::jsonb = '{\"n\": "
                            + (n + 1)
                            + "}'::jsonb AND status = 'pending' AND next_sweep_at > now()"
                            + " AND body_sha256 IS NULL"),
                    "row " + n + " holds its own webhook, without a hash: its source keeps no replay window");
        }
        assertEquals(
                5,
                count("SELECT count(*) FROM webhook_events WHERE source_id = " + batchSource),
                "one row per new delivery");
    }

    @Test
    void webhooksAndTriggeredEventsShareABatchEachRepeatingOnItsOwnKey() throws Exception {
        List<Recorded> outcomes = tx.executeWrite(s -> recorder.insertAll(List.of(
                webhook(source, "shared-id", "{\"n\":1}"),
                triggered("shared-id", "{\"n\":2}"),
                triggered("shared-id", "{\"n\":3}"),
                webhook(source, "shared-id", "{\"n\":4}"))));

        Recorded.Accepted webhook = assertInstanceOf(Recorded.Accepted.class, outcomes.get(0));
        Recorded.Accepted trigger = assertInstanceOf(
                Recorded.Accepted.class,
                outcomes.get(1),
                "an event_id equal to a webhook's delivery id is not a repeat of it");
        assertEquals(
                new Recorded.Duplicate(trigger.id()),
                outcomes.get(2),
                "a repeated event_id answers with the first event");
        assertEquals(new Recorded.Duplicate(webhook.id()), outcomes.get(3), "a webhook repeats only a webhook");
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM webhook_events WHERE id = " + trigger.id() + " AND event_source_id = "
                                + eventSource + " AND api_key_id = " + apiKey
                                + " AND source_id IS NULL AND event_type = 'order.created'"
                                + " AND payload = '{\"n\": 2}'::jsonb AND body_sha256 IS NULL AND status = 'pending' AND next_sweep_at > now()"));
        assertEquals(2, count("SELECT count(*) FROM webhook_events WHERE delivery_id = 'shared-id'"));
    }

    @Test
    void aTriggeredEventRepeatedLaterIsTheFirstOne() {
        Recorded.Accepted first = assertInstanceOf(Recorded.Accepted.class, recorder.record(triggered("later", "{}")));

        assertEquals(new Recorded.Duplicate(first.id()), recorder.record(triggered("later", "{\"changed\":true}")));
    }

    @Test
    void jsonPostgresCannotStoreIsRefusedAndStoresNothing() throws Exception {
        String nul = "{\"zen\":\"a\\u0000b\"}";

        assertEquals(new Recorded.UnstorableJson(), recorder.record(webhook(source, "nul-webhook", nul)));
        assertEquals(new Recorded.UnstorableJson(), recorder.record(triggered("nul-trigger", nul)));
        assertEquals(0, count("SELECT count(*) FROM webhook_events WHERE delivery_id LIKE 'nul-%'"));
    }

    @Test
    void theSameBodyWithinTheReplayWindowIsTheFirstEventUnderAnyDeliveryId() throws Exception {
        byte[] body = "{\"replayed\":true}".getBytes(StandardCharsets.UTF_8);
        Recorded.Accepted first =
                assertInstanceOf(Recorded.Accepted.class, recorder.record(windowed("replay-1", body)));

        assertEquals(new Recorded.Duplicate(first.id()), recorder.record(windowed("replay-2", body)));
        assertInstanceOf(
                Recorded.Accepted.class,
                recorder.record(webhook(source, "replay-3", new String(body, StandardCharsets.UTF_8))),
                "without a window only the delivery id repeats");
        assertEquals(0, count("SELECT count(*) FROM webhook_events WHERE delivery_id = 'replay-2'"));
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM webhook_events WHERE delivery_id = 'replay-1' AND body_sha256 = sha256(raw_body)"),
                "an event of a source with a window keeps its body's hash, the window's key");
        assertEquals(
                1, count("SELECT count(*) FROM webhook_events WHERE delivery_id = 'replay-3' AND body_sha256 IS NULL"));
    }

    /**
     * The next release drops the constraint V27 deprecated: a triggered event's repeat is then found through the unique
     * index that holds triggered events only. Checked in a transaction that drops the constraint and is rolled back.
     */
    @Test
    void triggeredEventsRepeatOnTheirOwnIndexWithoutTheDeprecatedConstraint() {
        List<Recorded> outcomes = tx.executeWrite(status -> {
            try (Statement drop = status.getConnection().createStatement()) {
                drop.execute("ALTER TABLE webhook_events DROP CONSTRAINT webhook_events_trigger_id");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            List<Recorded> inserted = recorder.insertAll(List.of(
                    triggered("without-constraint", "{\"n\":1}"), triggered("without-constraint", "{\"n\":2}")));
            status.setRollbackOnly(); // the constraint stays for the other tests
            return inserted;
        });

        Recorded.Accepted first = assertInstanceOf(Recorded.Accepted.class, outcomes.get(0));
        assertEquals(new Recorded.Duplicate(first.id()), outcomes.get(1), "the repeat in the same batch is the first");
    }

    private IncomingEvent triggered(String eventId, String payload) {
        return IncomingEvent.triggered(
                eventSource,
                apiKey,
                "order.created",
                eventId,
                ("{\"event\":\"order.created\",\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8),
                payload,
                "application/json",
                "{}",
                "127.0.0.1");
    }

    private IncomingEvent windowed(String delivery, byte[] body) {
        return IncomingEvent.webhook(
                source,
                Duration.ofMinutes(5),
                "ping",
                delivery,
                body,
                true,
                "application/json",
                "{}",
                null,
                "127.0.0.1");
    }

    private static long accepted(Recorded recorded) {
        return assertInstanceOf(Recorded.Accepted.class, recorded).id();
    }

    private static IncomingEvent webhook(long source, String delivery, String body) {
        return IncomingEvent.webhook(
                source,
                Duration.ZERO,
                "ping",
                delivery,
                body.getBytes(StandardCharsets.UTF_8),
                true,
                "application/json",
                "{\"x-github-event\":\"ping\"}",
                null,
                "127.0.0.1");
    }
}
