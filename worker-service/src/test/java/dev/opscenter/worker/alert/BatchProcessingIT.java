package dev.opscenter.worker.alert;

import static dev.opscenter.worker.alert.WorkerFixture.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.parse.AlertParsers;
import dev.opscenter.worker.parse.InboundEvent;
import dev.opscenter.worker.parse.ParsedAlert;
import io.lettuce.core.StreamMessage;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker's batches against real PostgreSQL and Redis: a read of many entries becomes one alert per event, stored
 * in one transaction, published once each in alert order and acknowledged; a poison event (a payload the parser
 * refuses, a parser Error, an alert PostgreSQL refuses) fails alone, is retried, then parked; duplicate entries within
 * and across batches add nothing; a worker that dies mid-batch loses nothing and duplicates nothing; an event another
 * consumer is processing is skipped. Abandoned entries are claimed after 3 s, events whose processing started more
 * than 2 s ago count as abandoned.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchProcessingIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Event type the stand-in parser throws a StackOverflowError on, as a parser bug met by one payload would. */
    static final String EXPLODES = "explodes";

    @Inject
    RedisKeys keys;

    @Inject
    JsonMapper json;

    @Inject
    EventProcessor processor;

    @Inject
    EventStore store;

    WorkerFixture worker;
    StoredRows rows;
    long github;
    long generic;

    @MockBean(AlertParsers.class)
    AlertParsers parsers() {
        return new AlertParsers() {
            @Override
            public ParsedAlert parse(InboundEvent event) {
                if (EXPLODES.equals(event.eventType())) {
                    throw new StackOverflowError("test: a parser bug this payload meets");
                }
                return super.parse(event);
            }
        };
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put("opscenter.worker.batch-size", "50");
        p.put("opscenter.worker.claim-idle", "3s");
        p.put("opscenter.worker.processing-timeout", "2s");
        return p;
    }

    @BeforeAll
    void connect() throws SQLException {
        worker = new WorkerFixture(ENV, keys, json);
        rows = worker.rows;
        github = rows.source("Test gh", "gh", SourceKind.GITHUB);
        generic = rows.source("Test gen", "gen", SourceKind.GENERIC);
        // an alert PostgreSQL refuses, as it would a value the schema does not allow: this test schema only
        rows.execute("""
                CREATE FUNCTION refuse_alert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.title LIKE 'refused%' THEN
                    RAISE EXCEPTION 'alert refused by the test' USING ERRCODE = 'check_violation';
                  END IF;
                  RETURN NEW;
                END $$""");
        rows.execute(
                "CREATE TRIGGER alerts_refuse BEFORE INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION refuse_alert()");
    }

    @AfterAll
    void drop() {
        worker.close();
        ENV.close();
    }

    private List<Long> pings(int n) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(rows.event(github, "ping", fixture("ping.json")));
        }
        return ids;
    }

    private String idList(List<Long> ids) {
        return ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    private boolean allProcessedOnce(List<Long> ids) throws SQLException {
        return rows.count("SELECT count(*) FROM webhook_events WHERE status = 'processed' AND id IN (" + idList(ids)
                                + ")")
                        == ids.size()
                && rows.count("SELECT count(*) FROM alerts WHERE published_at IS NOT NULL AND event_id IN ("
                                + idList(ids) + ")")
                        == ids.size()
                && worker.allAcknowledged();
    }

    private void assertOneAlertPublishedOnceEach(List<Long> ids) throws SQLException {
        for (long id : ids) {
            assertEquals(1, rows.count("SELECT count(*) FROM alerts WHERE event_id = " + id), "alerts of event " + id);
            assertEquals(1, worker.onFeed(id), "feed entries of event " + id);
        }
    }

    @Test
    void batchBecomesOneAlertPerEventStoredTogetherPublishedOnceInAlertOrderAndAcknowledged() throws SQLException {
        List<Long> ids = pings(30);

        worker.enqueueTogether(ids);

        await().atMost(DEADLINE)
                .until(() -> allProcessedOnce(ids)
                        && ids.stream().allMatch(id -> worker.publishedFor(id).size() == 1));
        assertOneAlertPublishedOnceEach(ids);
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM webhook_events WHERE attempts <> 1 AND id IN (" + idList(ids) + ")"));
        assertEquals(
                1,
                rows.count("SELECT count(DISTINCT created_at) FROM alerts WHERE event_id IN (" + idList(ids) + ")"),
                "the batch's alerts were stored in one transaction");
        List<Map<String, Object>> messages = ids.stream()
                .map(id -> worker.publishedFor(id).get(0))
                .sorted(Comparator.comparingLong(m -> ((Number) ((Map<?, ?>) m.get("data")).get("id")).longValue()))
                .toList();
        for (int i = 1; i < messages.size(); i++) {
            assertTrue(
                    feedOrder((String) messages.get(i - 1).get("id"), (String)
                                    messages.get(i).get("id"))
                            < 0,
                    "feed ids follow alert ids: " + messages.get(i - 1).get("id") + " then "
                            + messages.get(i).get("id"));
        }
    }

    private static int feedOrder(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int byTime = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }

    @Test
    void poisonEventsFailAloneWhileTheirBatchGoesOnThenAreRetriedAndParked() throws SQLException {
        long malformed = rows.event(github, "push", "[\"not\", \"an\", \"object\"]");
        long explodes = rows.event(github, EXPLODES, fixture("ping.json"));
        long refused = rows.event(generic, "alert", "{\"title\": \"refused by the database\"}");
        List<Long> good = pings(6);
        List<Long> batch = new ArrayList<>(good.subList(0, 2));
        batch.add(malformed);
        batch.addAll(good.subList(2, 4));
        batch.add(explodes);
        batch.add(refused);
        batch.addAll(good.subList(4, 6));

        worker.enqueueTogether(batch);

        await().atMost(DEADLINE).until(() -> allProcessedOnce(good));
        assertOneAlertPublishedOnceEach(good);
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM webhook_events WHERE attempts <> 1 AND id IN (" + idList(good) + ")"),
                "the good events were finished by their first attempt");
        List<Long> poison = List.of(malformed, explodes, refused);
        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM webhook_events WHERE status = 'failed' AND id IN ("
                                        + idList(poison) + ")")
                                == 3
                        && worker.allAcknowledged());
        assertParked(malformed, "MalformedPayloadException");
        assertParked(explodes, "processing failed unexpectedly (StackOverflowError)");
        assertParked(refused, "23514");
        assertEquals(0, rows.count("SELECT count(*) FROM alerts WHERE event_id IN (" + idList(poison) + ")"));
    }

    private void assertParked(long eventId, String errorPart) throws SQLException {
        Map<String, Object> row = rows.row("SELECT attempts, error FROM webhook_events WHERE id = " + eventId);
        assertEquals(3, row.get("attempts"), "event " + eventId + " was retried, then parked");
        assertTrue(String.valueOf(row.get("error")).contains(errorPart), String.valueOf(row.get("error")));
    }

    @Test
    void duplicateEntriesWithinAndAcrossBatchesMakeOneAlertAndOnePublish() throws SQLException {
        long a = rows.event(github, "push", fixture("push.json"));
        long b = rows.event(github, "ping", fixture("ping.json"));

        worker.enqueueTogether(List.of(a, a, b, a));
        await().atMost(DEADLINE).until(() -> allProcessedOnce(List.of(a, b)));
        worker.enqueueTogether(List.of(b, a));
        await().atMost(DEADLINE).until(worker::allAcknowledged);

        assertOneAlertPublishedOnceEach(List.of(a, b));
        assertEquals(
                2,
                rows.count("SELECT count(*) FROM webhook_events WHERE attempts = 1 AND id IN (" + a + "," + b + ")"));
        await().atMost(DEADLINE)
                .until(() -> worker.publishedFor(a).size() == 1
                        && worker.publishedFor(b).size() == 1);
    }

    @Test
    void workerKilledAfterCommittingABatchLosesNothingAndDuplicatesNothing() throws SQLException {
        List<Long> ids = pings(5);
        List<StreamMessage<String, String>> held = worker.enqueueToDeadConsumer(ids);
        assertTrue(held.stream()
                .map(e -> Long.parseLong(e.getBody().get(RedisKeys.EVENT_ID_FIELD)))
                .toList()
                .containsAll(ids));

        // the dead worker got as far as its commit: alerts stored, events processed; nothing published or acknowledged
        processor.commit(ids);
        assertEquals(
                5,
                rows.count("SELECT count(*) FROM alerts WHERE published_at IS NULL AND event_id IN (" + idList(ids)
                        + ")"));

        await().atMost(DEADLINE).until(() -> allProcessedOnce(ids));
        assertOneAlertPublishedOnceEach(ids);
        assertEquals(
                0,
                rows.count("SELECT count(*) FROM webhook_events WHERE attempts <> 1 AND id IN (" + idList(ids) + ")"),
                "claiming the entries again did not process the events again");
    }

    @Test
    void workerKilledAfterClaimingABatchHasEachEventFinishedOnceAlone() throws SQLException {
        List<Long> ids = pings(3);
        worker.enqueueToDeadConsumer(ids);

        // the dead worker got as far as its claim: events processing, nothing stored, nothing acknowledged
        assertEquals(
                3, store.claim(ids, Duration.ofSeconds(2), false).attempts().size());

        await().atMost(DEADLINE).until(() -> allProcessedOnce(ids));
        assertOneAlertPublishedOnceEach(ids);
        assertEquals(
                3,
                rows.count("SELECT count(*) FROM webhook_events WHERE attempts = 2 AND id IN (" + idList(ids) + ")"));
        assertEquals(
                3,
                rows.count("SELECT count(DISTINCT created_at) FROM alerts WHERE event_id IN (" + idList(ids) + ")"),
                "events whose last attempt never reported back are finished one at a time");
    }

    @Test
    void eventAnotherConsumerIsProcessingIsSkippedAndItsEntryAcknowledged() throws SQLException {
        long eventId = rows.event(github, "ping", fixture("ping.json"));
        // another consumer claimed it a moment ago (dated ahead, so that no pause of a slow machine makes it look
        // abandoned)
        rows.execute(
                "UPDATE webhook_events SET status = 'processing', attempts = 1, processing_started_at = now() + interval '1 minute'"
                        + " WHERE id = " + eventId);

        assertInstanceOf(
                Outcome.Skipped.class, processor.process(List.of(eventId)).get(0));
        worker.enqueue(eventId);
        await().atMost(DEADLINE).until(worker::allAcknowledged);

        assertEquals(
                Map.of("status", "processing", "attempts", 1),
                rows.row("SELECT status, attempts FROM webhook_events WHERE id = " + eventId));
        assertEquals(0, rows.count("SELECT count(*) FROM alerts WHERE event_id = " + eventId));
    }
}
