package dev.opscenter.worker.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.HttpProbe;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.alert.EventProcessor;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker's scrape shows the work streams as Redis has them (length, lag, pending, oldest pending age, consumers)
 * and the POST → processed latency of events, on its management port. The consumers are off: the test plays the
 * consumer group itself, and the clock stands still so the oldest pending age is exact.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamGaugesIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final StoredRows rows = new StoredRows(ENV);

    @Inject
    RedisKeys keys;

    @Inject
    EmbeddedServer server;

    @Inject
    EventProcessor processor;

    @Inject
    StreamProbe probe;

    RedisClient client;
    RedisCommands<String, String> redis;

    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ENV.properties());
        p.put("opscenter.worker.enabled", "false");
        p.put("opscenter.metrics.stream-sample-interval", "100ms");
        p.put("micronaut.server.port", "-1");
        return p;
    }

    @BeforeAll
    void connect() {
        client = RedisClient.create(ENV.redisUri());
        redis = client.connect().sync();
    }

    @AfterAll
    void drop() {
        client.shutdown();
        ENV.close();
    }

    @Test
    void showsLengthLagPendingAndOldestPendingAgeOfAGroupBehindItsStream() {
        for (int secondsAgo = 90; secondsAgo >= 50; secondsAgo -= 10) {
            String id = NOW.minusSeconds(secondsAgo).toEpochMilli() + "-0";
            redis.xadd(keys.events(), new XAddArgs().id(id), Map.of(RedisKeys.EVENT_ID_FIELD, "1"));
        }
        redis.xgroupCreate(XReadArgs.StreamOffset.from(keys.events(), "0"), RedisKeys.WORKERS_GROUP);
        // a consumer takes the two oldest entries and never acknowledges them
        redis.xreadgroup(
                Consumer.from(RedisKeys.WORKERS_GROUP, "stuck"),
                XReadArgs.Builder.count(2),
                XReadArgs.StreamOffset.lastConsumed(keys.events()));

        String group = "{group=\"workers\",stream=\"events\"}";
        Map<String, Double> expected = Map.of(
                "opscenter_stream_length{stream=\"events\"}",
                5.0,
                "opscenter_stream_lag" + group,
                3.0,
                "opscenter_stream_pending" + group,
                2.0,
                "opscenter_stream_oldest_pending_seconds" + group,
                90.0,
                "opscenter_stream_consumers" + group,
                1.0,
                "opscenter_stream_redis_up",
                1.0);
        await().atMost(DEADLINE).untilAsserted(() -> assertEquals(expected, scraped(expected)));
    }

    @Test
    void showsZerosForAStreamNobodyHasWrittenYet() {
        String group = "{group=\"notifiers\",stream=\"notifications\"}";
        Map<String, Double> expected = Map.of(
                "opscenter_stream_length{stream=\"notifications\"}",
                0.0,
                "opscenter_stream_lag" + group,
                0.0,
                "opscenter_stream_pending" + group,
                0.0,
                "opscenter_stream_oldest_pending_seconds" + group,
                0.0,
                "opscenter_stream_consumers" + group,
                0.0,
                "opscenter_stream_redis_up",
                1.0);
        await().atMost(DEADLINE).untilAsserted(() -> assertEquals(expected, scraped(expected)));
    }

    @Test
    void lagRedisCannotCountIsBoundedByTheStreamLength() {
        WorkStream stream = new WorkStream("deleted", keys.prefix() + "deleted", "readers");
        String first = redis.xadd(stream.key(), Map.of(RedisKeys.EVENT_ID_FIELD, "1"));
        String second = redis.xadd(stream.key(), Map.of(RedisKeys.EVENT_ID_FIELD, "2"));
        redis.xadd(stream.key(), Map.of(RedisKeys.EVENT_ID_FIELD, "3"));
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream.key(), first), stream.group());
        // a deleted entry past the group's position leaves Redis unable to count the lag: XINFO GROUPS says nil
        redis.xdel(stream.key(), second);

        assertEquals(new StreamSample(2, 2, 0, 0, 0), probe.sample(stream));
    }

    @Test
    void processedEventIsCountedInTheLatencyHistogramFromItsReceipt() throws SQLException {
        long source = rows.source("Generic", "generic", SourceKind.GENERIC);
        long eventId = rows.webhook(source, "ping")
                .payload("{\"title\":\"ping\"}")
                .receivedAgo(Duration.ofSeconds(3))
                .store();

        processor.process(java.util.List.of(eventId));

        Map<String, Double> scrape = scrape();
        assertEquals(1.0, scrape.get("opscenter_event_processing_latency_seconds_count"));
        assertTrue(
                scrape.get("opscenter_event_processing_latency_seconds_sum") >= 3.0,
                "measured from received_at: " + scrape.get("opscenter_event_processing_latency_seconds_sum"));
        assertEquals(1.0, scrape.get("opscenter_event_processing_latency_seconds_bucket{le=\"+Inf\"}"));
    }

    private Map<String, Double> scraped(Map<String, Double> wanted) {
        Map<String, Double> all = scrape();
        Map<String, Double> out = new HashMap<>();
        wanted.keySet().forEach(name -> {
            if (all.containsKey(name)) {
                out.put(name, all.get(name));
            }
        });
        return out;
    }

    /** The scrape as series (name with labels) to value. */
    private Map<String, Double> scrape() {
        HttpProbe.Reply reply = HttpProbe.get(server.getPort(), "/prometheus");
        assertEquals(200, reply.status());
        Map<String, Double> series = new HashMap<>();
        for (String line : reply.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }
}
