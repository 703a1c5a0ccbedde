package dev.opscenter.worker.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.worker.StreamState;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
    dev.opscenter.common.redis.SharedRedis shared;

    RedisClient client;
    RedisCommands<String, String> redis;
    final List<String> published = new CopyOnWriteArrayList<>();
    long githubSource;

    @Override
    public Map<String, String> getProperties() {
        return ENV.properties();
    }

    @BeforeAll
    void connect() throws SQLException {
        client = RedisClient.create(ENV.redisUri());
        StatefulRedisConnection<String, String> connection = client.connect();
        redis = connection.sync();
        StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                published.add(message);
            }
        });
        sub.sync().subscribe(keys.liveChannel());
        githubSource = insertSource("github", "gh");
    }

    @AfterAll
    void drop() {
        client.shutdown();
        ENV.close();
    }

    private long insertSource(String kind, String slug) throws SQLException {
        try (Connection c = ENV.connection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO webhook_sources (name, slug, kind, secret_encrypted) VALUES (?, ?, ?, '\\x00') RETURNING id")) {
            s.setString(1, "Test " + slug);
            s.setString(2, slug);
            s.setString(3, kind);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private long insertEvent(String type, String payload) throws SQLException {
        try (Connection c = ENV.connection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO webhook_events (source_id, event_type, raw_body, payload, headers, next_sweep_at)
                VALUES (?, ?, ?, CAST(? AS jsonb), '{}', now() + interval '1 hour') RETURNING id""")) {
            s.setLong(1, githubSource);
            s.setString(2, type);
            s.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            s.setString(4, payload);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String fixture(String name) {
        try (InputStream in = EventProcessingIT.class.getResourceAsStream("/fixtures/github/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void enqueue(long eventId) {
        redis.xadd(keys.events(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(eventId)));
    }

    private Map<String, Object> row(String sql) throws SQLException {
        try (Connection c = ENV.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                return Map.of();
            }
            Map<String, Object> out = new java.util.HashMap<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                Object v = r.getObject(i);
                if (v != null) {
                    out.put(r.getMetaData().getColumnLabel(i), v);
                }
            }
            return out;
        }
    }

    private long count(String sql) throws SQLException {
        return ((Number) row(sql).get("count")).longValue();
    }

    private boolean allAcknowledged() {
        return StreamState.drained(redis, keys.events(), RedisKeys.WORKERS_GROUP);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> publishedFor(long eventId) {
        return published.stream().map(m -> {
            try {
                return (Map<String, Object>) json.readValue(m, Map.class);
            } catch (IOException e) {
                throw new AssertionError(m, e);
            }
        }).filter(m -> ((Number) ((Map<String, Object>) m.get("data")).get("eventId")).longValue() == eventId).toList();
    }

    @Test
    void failedWorkflowRunBecomesErrorAlertPublishedWithItsFeedId() throws SQLException {
        long eventId = insertEvent("workflow_run", fixture("workflow_run.completed.json")
                .replace("\"conclusion\": \"success\"", "\"conclusion\": \"failure\""));
        enqueue(eventId);

        await().atMost(DEADLINE).until(() -> publishedFor(eventId).size() == 1);
        Map<String, Object> alert = row("SELECT * FROM alerts WHERE event_id = " + eventId);
        assertEquals("error", alert.get("severity"));
        Map<String, Object> event = row("SELECT status, attempts, processed_at, error FROM webhook_events WHERE id = " + eventId);
        assertEquals("processed", event.get("status"));
        assertEquals(1, event.get("attempts"));
        assertTrue(event.containsKey("processed_at"));

        @SuppressWarnings("unchecked")
        Map<String, Object> message = publishedFor(eventId).get(0);
        assertEquals("alert", message.get("type"));
        Map<?, ?> data = (Map<?, ?>) message.get("data");
        assertEquals(((Number) alert.get("id")).longValue(), ((Number) data.get("id")).longValue());
        assertEquals("gh", data.get("source"));
        assertEquals(alert.get("title"), data.get("title"));
        var feed = redis.xrange(keys.feed(), Range.create((String) message.get("id"), (String) message.get("id")));
        assertEquals(1, feed.size(), "the message id is its catch-up feed entry");
        assertEquals(published.stream().filter(m -> m.contains("\"eventId\":" + eventId)).findFirst().orElseThrow(),
                feed.get(0).getBody().get(RedisKeys.MESSAGE_FIELD), "the feed holds exactly the published message, id included");
    }

    @Test
    void entryDeliveredTwiceCreatesOneAlertAndOnePublish() throws SQLException {
        long eventId = insertEvent("push", fixture("push.json"));
        enqueue(eventId);
        enqueue(eventId);
        enqueue(eventId);

        await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM alerts WHERE event_id = " + eventId) == 1 && allAcknowledged());
        assertEquals(1, count("SELECT count(*) FROM alerts WHERE event_id = " + eventId));
        assertEquals(1, publishedFor(eventId).size());
        assertEquals("processed", row("SELECT status FROM webhook_events WHERE id = " + eventId).get("status"));
    }

    @Test
    void poisonEventFailsAfterThreeAttemptsWhileOthersFlow() throws SQLException {
        long poison = insertEvent("push", "[\"not\", \"an\", \"object\"]");
        enqueue(poison);
        List<Long> good = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = insertEvent("ping", fixture("ping.json"));
            good.add(id);
            enqueue(id);
        }

        await().atMost(DEADLINE).until(() -> "failed".equals(row("SELECT status FROM webhook_events WHERE id = " + poison).get("status")));
        Map<String, Object> failed = row("SELECT attempts, error FROM webhook_events WHERE id = " + poison);
        assertEquals(3, failed.get("attempts"));
        assertTrue(String.valueOf(failed.get("error")).contains("MalformedPayload"), String.valueOf(failed.get("error")));
        assertEquals(0, count("SELECT count(*) FROM alerts WHERE event_id = " + poison));
        for (long id : good) {
            assertEquals(1, count("SELECT count(*) FROM alerts WHERE event_id = " + id), "event " + id + " flowed past the poison one");
        }
        await().atMost(DEADLINE).until(this::allAcknowledged);
    }

    @Test
    void entryAbandonedByDeadConsumerIsClaimed() throws SQLException {
        long eventId = insertEvent("issues", fixture("issues.opened.json"));
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(keys.events(), "0"), RedisKeys.WORKERS_GROUP, XGroupCreateArgs.Builder.mkstream());
        } catch (RuntimeException e) {
            // exists
        }
        // hold back the live consumers' view: add and immediately read it as a consumer that then "dies"
        String entry = redis.xadd(keys.events(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(eventId)));
        var taken = redis.xreadgroup(Consumer.from(RedisKeys.WORKERS_GROUP, "dead-consumer"), XReadArgs.Builder.count(100),
                XReadArgs.StreamOffset.lastConsumed(keys.events()));
        boolean deadOneHasIt = taken.stream().anyMatch(m -> m.getId().equals(entry));

        await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM alerts WHERE event_id = " + eventId) == 1);
        await().atMost(DEADLINE).until(this::allAcknowledged);
        if (deadOneHasIt) {
            assertEquals(0, redis.xpending(keys.events(), RedisKeys.WORKERS_GROUP).getCount(), "claimed and acknowledged");
        }
    }

    @Test
    void alertStoredButNeverPublishedIsPublishedOnceLater() throws SQLException {
        long eventId = insertEvent("ping", fixture("ping.json"));
        // what a worker killed between its commit and its publish leaves behind
        try (Connection c = ENV.connection(); Statement s = c.createStatement()) {
            s.execute("UPDATE webhook_events SET status = 'processed', processed_at = now(), next_sweep_at = NULL WHERE id = " + eventId);
            s.execute("INSERT INTO alerts (event_id, source_id, event_type, title, message, severity, created_at) VALUES ("
                    + eventId + ", " + githubSource + ", 'ping', 'Webhook ping', 'hello', 'info', now() - interval '5 seconds')");
        }
        await().atMost(DEADLINE).until(() -> publishedFor(eventId).size() == 1);
        await().atMost(DEADLINE).until(() -> row("SELECT published_at FROM alerts WHERE event_id = " + eventId).containsKey("published_at"));

        long alertId = ((Number) row("SELECT id FROM alerts WHERE event_id = " + eventId).get("id")).longValue();
        @SuppressWarnings("unchecked")
        String feedId = (String) publishedFor(eventId).get(0).get("id");
        var again = new dev.opscenter.common.alert.AlertMessage(alertId, eventId, githubSource, null, "gh", "Test gh", "ping",
                "Webhook ping", "hello", "info", Map.of(), false, java.time.Instant.now());
        assertEquals(feedId, publisher.publish(again), "publishing again returns the first feed id");
        long onFeed = redis.xrange(keys.feed(), Range.create("-", "+")).stream()
                .filter(e -> e.getBody().get(RedisKeys.MESSAGE_FIELD).contains("\"eventId\":" + eventId + ",")).count();
        assertEquals(1, onFeed, "and adds nothing to the feed");
        assertEquals(1, publishedFor(eventId).size(), "nor to the live channel");
    }

    @Test
    void consumerLongGoneIsForgotten() {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(keys.events(), "0"), RedisKeys.WORKERS_GROUP, XGroupCreateArgs.Builder.mkstream());
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
                .map(info -> (List<?>) info).map(f -> String.valueOf(f.get(f.indexOf("name") + 1))).toList();
    }

    @Test
    void entryForUnknownEventIsAcknowledged() {
        enqueue(987654321L);
        redis.xadd(keys.events(), Map.of("garbage", "x"));
        await().atMost(DEADLINE).until(this::allAcknowledged);
    }

    @Test
    void megabyteMetadataValueIsCutBeforeTheAlertIsStoredAndPublished() throws SQLException {
        String branch = "b".repeat(1_000_000);
        long eventId = insertEvent("workflow_run", fixture("workflow_run.completed.json")
                .replace("\"conclusion\": \"success\"", "\"conclusion\": \"failure\"")
                .replaceFirst("\"head_branch\": \"[^\"]*\"", "\"head_branch\": \"" + branch + "\""));
        enqueue(eventId);

        await().atMost(DEADLINE).until(() -> publishedFor(eventId).size() == 1);
        String stored = (String) row("SELECT metadata->>'branch' AS branch FROM alerts WHERE event_id = " + eventId).get("branch");
        assertEquals(1_000, stored.length());
        assertTrue(stored.endsWith(AlertLimits.TRUNCATED), stored.substring(900));
        String message = published.stream().filter(m -> m.contains("\"eventId\":" + eventId)).findFirst().orElseThrow();
        assertTrue(message.length() < 16_384, "the live message is " + message.length() + " characters");
    }

    @Test
    void catchUpFeedIsBoundedByBytesAsWellAsByEntries() {
        AlertPublisher small = new AlertPublisher(shared, keys, json, 10_000, 20_000);
        // ids no real alert or event has, so the other tests never see these messages as theirs
        String filler = "m".repeat(1_000);
        String last = null;
        for (int i = 0; i < 60; i++) {
            last = small.publish(new dev.opscenter.common.alert.AlertMessage(900_000_000L + i, 900_000_000L + i, null, null, "gh", "GitHub", "push",
                    "feed bytes " + i, filler, "info", Map.of(), false, java.time.Instant.now()));
        }

        var feed = redis.xrange(keys.feed(), Range.create("-", "+"));
        long bytes = feed.stream().mapToLong(e -> e.getBody().get(RedisKeys.MESSAGE_FIELD).length()).sum();
        assertTrue(bytes <= 20_000, "the feed holds " + bytes + " bytes in " + feed.size() + " entries");
        assertTrue(feed.size() >= 10, "only the oldest entries go: " + feed.size());
        assertEquals(last, feed.get(feed.size() - 1).getId(), "the newest entry stays");
    }
}
