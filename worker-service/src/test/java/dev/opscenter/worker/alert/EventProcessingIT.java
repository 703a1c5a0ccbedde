package dev.opscenter.worker.alert;

import static dev.opscenter.worker.alert.WorkerFixture.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.JsonLogs;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.trace.StreamTrace;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.StoredRows;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker against real PostgreSQL and Redis: stream entries become alerts once, are published live with their
 * feed id, poison events are parked after three attempts without blocking others, and entries abandoned by a dead
 * consumer are claimed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventProcessingIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    RedisKeys keys;

    @Inject
    JsonMapper json;

    @Inject
    AlertPublisher publisher;

    @Inject
    EventStore store;

    @Inject
    dev.opscenter.common.redis.SharedRedis shared;

    WorkerFixture worker;
    StoredRows rows;
    RedisCommands<String, String> redis;
    List<String> published;
    long githubSource;

    @Override
    public Map<String, String> getProperties() {
        return ENV.properties();
    }

    @BeforeAll
    void connect() throws SQLException {
        worker = new WorkerFixture(ENV, keys, json);
        rows = worker.rows;
        redis = worker.redis;
        published = worker.published;
        githubSource = rows.source("Test gh", "gh", SourceKind.GITHUB);
    }

    @AfterAll
    void drop() {
        worker.close();
        ENV.close();
    }

    private long insertEvent(String type, String payload) throws SQLException {
        return rows.event(githubSource, type, payload);
    }

    @Test
    void failedWorkflowRunBecomesErrorAlertPublishedWithItsFeedId() throws SQLException {
        long eventId = insertEvent(
                "workflow_run",
                fixture("workflow_run.completed.json")
                        .replace("\"conclusion\": \"success\"", "\"conclusion\": \"failure\""));
        worker.enqueue(eventId);

        await().atMost(DEADLINE).until(() -> worker.publishedFor(eventId).size() == 1);
        Map<String, Object> alert = rows.row("SELECT * FROM alerts WHERE event_id = " + eventId);
        assertEquals("error", alert.get("severity"));
        Map<String, Object> event =
                rows.row("SELECT status, attempts, processed_at, error FROM webhook_events WHERE id = " + eventId);
        assertEquals("processed", event.get("status"));
        assertEquals(1, event.get("attempts"));
        assertTrue(event.containsKey("processed_at"));

        @SuppressWarnings("unchecked")
        Map<String, Object> message = worker.publishedFor(eventId).get(0);
        assertEquals("alert", message.get("type"));
        Map<?, ?> data = (Map<?, ?>) message.get("data");
        assertEquals(((Number) alert.get("id")).longValue(), ((Number) data.get("id")).longValue());
        assertEquals("gh", data.get("source"));
        assertEquals(alert.get("title"), data.get("title"));
        var feed = redis.xrange(keys.feed(), Range.create((String) message.get("id"), (String) message.get("id")));
        assertEquals(1, feed.size(), "the message id is its catch-up feed entry");
        assertEquals(
                published.stream()
                        .filter(m -> m.contains("\"eventId\":" + eventId))
                        .findFirst()
                        .orElseThrow(),
                feed.get(0).getBody().get(RedisKeys.MESSAGE_FIELD),
                "the feed holds exactly the published message, id included");
    }

    @Test
    void aWebhookStoredBeforeItsRawBodyWasItsPayloadBecomesTheSameAlert() throws SQLException {
        String body = fixture("workflow_run.completed.json")
                .replace("\"conclusion\": \"success\"", "\"conclusion\": \"failure\"");
        long now = rows.webhook(githubSource, "workflow_run").payload(body).store();
        long before = rows.webhook(githubSource, "workflow_run")
                .payload(body)
                .storedBeforeV24()
                .store();
        assertEquals(
                0,
                rows.queryLong("SELECT count(*) FROM webhook_events WHERE id = " + now + " AND payload IS NOT NULL"));
        worker.enqueue(now);
        worker.enqueue(before);

        await().atMost(DEADLINE)
                .until(() -> worker.publishedFor(now).size() == 1
                        && worker.publishedFor(before).size() == 1);
        Map<String, Object> fromRaw = rows.row("SELECT severity, title, message FROM alerts WHERE event_id = " + now);
        assertEquals("error", fromRaw.get("severity"));
        assertEquals(fromRaw, rows.row("SELECT severity, title, message FROM alerts WHERE event_id = " + before));
    }

    @Test
    void entryDeliveredTwiceCreatesOneAlertAndOnePublish() throws SQLException {
        long eventId = insertEvent("push", fixture("push.json"));
        worker.enqueue(eventId);
        worker.enqueue(eventId);
        worker.enqueue(eventId);

        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM alerts WHERE event_id = " + eventId) == 1
                        && worker.allAcknowledged());
        assertEquals(1, rows.count("SELECT count(*) FROM alerts WHERE event_id = " + eventId));
        assertEquals(1, worker.publishedFor(eventId).size());
        assertEquals(
                "processed",
                rows.row("SELECT status FROM webhook_events WHERE id = " + eventId)
                        .get("status"));
    }

    @Test
    void poisonEventFailsAfterThreeAttemptsWhileOthersFlow() throws SQLException {
        long poison = insertEvent("push", "[\"not\", \"an\", \"object\"]");
        worker.enqueue(poison);
        List<Long> good = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = insertEvent("ping", fixture("ping.json"));
            good.add(id);
            worker.enqueue(id);
        }

        await().atMost(DEADLINE)
                .until(() -> "failed"
                        .equals(rows.row("SELECT status FROM webhook_events WHERE id = " + poison)
                                .get("status")));
        Map<String, Object> failed = rows.row("SELECT attempts, error FROM webhook_events WHERE id = " + poison);
        assertEquals(3, failed.get("attempts"));
        assertTrue(
                String.valueOf(failed.get("error")).contains("MalformedPayload"), String.valueOf(failed.get("error")));
        assertEquals(0, rows.count("SELECT count(*) FROM alerts WHERE event_id = " + poison));
        for (long id : good) {
            assertEquals(
                    1,
                    rows.count("SELECT count(*) FROM alerts WHERE event_id = " + id),
                    "event " + id + " flowed past the poison one");
        }
        await().atMost(DEADLINE).until(worker::allAcknowledged);
    }

    @Test
    void entryAbandonedByDeadConsumerIsClaimed() throws SQLException {
        long eventId = insertEvent("issues", fixture("issues.opened.json"));
        // added and read in one step by a consumer that then "dies": no live consumer sees it until it is claimed
        worker.enqueueToDeadConsumer(List.of(eventId));

        await().atMost(DEADLINE)
                .until(() -> rows.count("SELECT count(*) FROM alerts WHERE event_id = " + eventId) == 1);
        await().atMost(DEADLINE).until(worker::allAcknowledged);
        assertEquals(0, redis.xpending(keys.events(), RedisKeys.WORKERS_GROUP).getCount(), "claimed and acknowledged");
    }

    @Test
    void alertStoredButNeverPublishedIsPublishedOnceLater() throws SQLException {
        long eventId = insertEvent("ping", fixture("ping.json"));
        // what a worker killed between its commit and its publish leaves behind
        rows.execute(
                "UPDATE webhook_events SET status = 'processed', processed_at = now(), next_sweep_at = NULL WHERE id = "
                        + eventId);
        rows.execute(
                "INSERT INTO alerts (event_id, source_id, event_type, title, message, severity, created_at) VALUES ("
                        + eventId + ", " + githubSource
                        + ", 'ping', 'Webhook ping', 'hello', 'info', now() - interval '5 seconds')");
        await().atMost(DEADLINE).until(() -> worker.publishedFor(eventId).size() == 1);
        await().atMost(DEADLINE)
                .until(() -> rows.row("SELECT published_at FROM alerts WHERE event_id = " + eventId)
                        .containsKey("published_at"));

        Map<String, Object> stored = rows.row("SELECT id, created_at FROM alerts WHERE event_id = " + eventId);
        long alertId = ((Number) stored.get("id")).longValue();
        Instant createdAt = ((java.sql.Timestamp) stored.get("created_at")).toInstant();
        @SuppressWarnings("unchecked")
        String feedId = (String) worker.publishedFor(eventId).get(0).get("id");
        assertEquals(
                feedId,
                publisher.publish(alert(alertId, eventId, createdAt)),
                "publishing again returns the first feed id");
        assertEquals(1, worker.onFeed(eventId), "and adds nothing to the feed");
        assertEquals(1, worker.publishedFor(eventId).size(), "nor to the live channel");
        Object firstPublished = rows.row("SELECT published_at FROM alerts WHERE id = " + alertId)
                .get("published_at");
        store.markPublished(List.of(alertId));
        assertEquals(
                firstPublished,
                rows.row("SELECT published_at FROM alerts WHERE id = " + alertId)
                        .get("published_at"),
                "marking it published again keeps the first time");

        // a database restored to before this alert gives its id to a new alert: that one is published all the same
        assertNotEquals(feedId, publisher.publish(alert(alertId, eventId, createdAt.plusSeconds(60))));
        assertEquals(2, worker.onFeed(eventId), "the alert that reuses the id is on the feed");
        await().atMost(DEADLINE).until(() -> worker.publishedFor(eventId).size() == 2);
    }

    private AlertMessage alert(long alertId, long eventId, Instant createdAt) {
        return new AlertMessage(
                alertId,
                eventId,
                githubSource,
                null,
                "gh",
                "Test gh",
                "ping",
                "Webhook ping",
                "hello",
                "info",
                Map.of(),
                false,
                createdAt,
                AlertMessage.OPEN,
                null,
                null,
                null,
                null);
    }

    @Test
    void consumerLongGoneIsForgotten() {
        try {
            redis.xgroupCreate(
                    XReadArgs.StreamOffset.from(keys.events(), "0"),
                    RedisKeys.WORKERS_GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RuntimeException e) {
            // exists
        }
        redis.xgroupCreateconsumer(keys.events(), Consumer.from(RedisKeys.WORKERS_GROUP, "replica-long-gone"));
        assertTrue(consumers().contains("replica-long-gone"));
        // forget-consumers-after is 3 s in the test configuration; live consumers read all the time and stay
        await().atMost(DEADLINE).until(() -> !consumers().contains("replica-long-gone"));
        assertTrue(consumers().stream().anyMatch(name -> !name.equals("replica-long-gone")), "live consumers remain");
    }

    private List<String> consumers() {
        return redis.xinfoConsumers(keys.events(), RedisKeys.WORKERS_GROUP).stream()
                .map(info -> (List<?>) info)
                .map(f -> String.valueOf(f.get(f.indexOf("name") + 1)))
                .toList();
    }

    @Test
    void entryForUnknownEventIsAcknowledged() {
        worker.enqueue(987654321L);
        redis.xadd(keys.events(), Map.of("garbage", "x"));
        await().atMost(DEADLINE).until(worker::allAcknowledged);
    }

    @Test
    void megabyteMetadataValueIsCutBeforeTheAlertIsStoredAndPublished() throws SQLException {
        String branch = "b".repeat(1_000_000);
        long eventId = insertEvent(
                "workflow_run",
                fixture("workflow_run.completed.json")
                        .replace("\"conclusion\": \"success\"", "\"conclusion\": \"failure\"")
                        .replaceFirst("\"head_branch\": \"[^\"]*\"", "\"head_branch\": \"" + branch + "\""));
        worker.enqueue(eventId);

        await().atMost(DEADLINE).until(() -> worker.publishedFor(eventId).size() == 1);
        String stored =
                (String) rows.row("SELECT metadata->>'branch' AS branch FROM alerts WHERE event_id = " + eventId)
                        .get("branch");
        assertEquals(1_000, stored.length());
        assertTrue(stored.endsWith(AlertLimits.TRUNCATED), stored.substring(900));
        String message = published.stream()
                .filter(m -> m.contains("\"eventId\":" + eventId))
                .findFirst()
                .orElseThrow();
        assertTrue(message.length() < 16_384, "the live message is " + message.length() + " characters");
    }

    @Test
    void catchUpFeedIsBoundedByBytesAsWellAsByEntries() {
        AlertPublisher small = new AlertPublisher(shared, keys, json, 10_000, 20_000);
        // ids no real alert or event has, so the other tests never see these messages as theirs
        String filler = "m".repeat(1_000);
        String last = null;
        for (int i = 0; i < 60; i++) {
            last = small.publish(new dev.opscenter.common.alert.AlertMessage(
                    900_000_000L + i,
                    900_000_000L + i,
                    null,
                    null,
                    "gh",
                    "GitHub",
                    "push",
                    "feed bytes " + i,
                    filler,
                    "info",
                    Map.of(),
                    false,
                    java.time.Instant.now(),
                    AlertMessage.OPEN,
                    null,
                    null,
                    null,
                    null));
        }

        var feed = redis.xrange(keys.feed(), Range.create("-", "+"));
        long bytes = feed.stream()
                .mapToLong(e -> e.getBody().get(RedisKeys.MESSAGE_FIELD).length())
                .sum();
        assertTrue(bytes <= 20_000, "the feed holds " + bytes + " bytes in " + feed.size() + " entries");
        assertTrue(feed.size() >= 10, "only the oldest entries go: " + feed.size());
        assertEquals(last, feed.get(feed.size() - 1).getId(), "the newest entry stays");
    }

    @Test
    void aFailedAttemptIsLoggedWithTheEventsIdAndSourceAsJsonFields() throws SQLException {
        try (JsonLogs logs = JsonLogs.capture()) {
            long eventId = insertEvent("push", "[\"not\", \"an\", \"object\"]");
            worker.enqueue(eventId);

            Map<String, Object> line = await().atMost(DEADLINE)
                    .until(() -> logs.line("event " + eventId + " attempt 1 failed"), Optional::isPresent)
                    .orElseThrow();
            assertEquals(Long.toString(eventId), line.get("event_id"));
            assertEquals("gh", line.get("source"));
        }
    }

    @Test
    void withTracingOffALiveMessageCarriesNoTraceContext() throws SQLException {
        long eventId = insertEvent("ping", fixture("ping.json"));
        worker.enqueue(eventId);

        await().atMost(DEADLINE).until(() -> worker.publishedFor(eventId).size() == 1);
        assertFalse(worker.publishedFor(eventId).get(0).containsKey(StreamTrace.TRACEPARENT));
    }
}
