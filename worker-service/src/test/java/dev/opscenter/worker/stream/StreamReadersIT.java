package dev.opscenter.worker.stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.JsonLogs;
import dev.opscenter.common.testing.TestEnvironment;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.health.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Stream readers against real Redis: an entry whose handling throws an Error fails alone while its reader reads on,
 * liveness turns DOWN when a reader thread is gone, and a short read lingers to be topped up.
 */
class StreamReadersIT {
    static final Duration DEADLINE = Duration.ofSeconds(20);

    TestEnvironment env;
    RedisClient client;
    RedisCommands<String, String> redis;
    StreamReaders readers;
    String stream;

    @BeforeEach
    void connect() {
        env = TestEnvironment.create();
        client = RedisClient.create(env.redisUri());
        redis = client.connect().sync();
        stream = env.redisPrefix() + "readers-test";
    }

    @AfterEach
    void close() throws InterruptedException {
        if (readers != null) {
            readers.stop();
        }
        client.shutdown();
        env.close();
    }

    private StreamReaders readers(int concurrency, StreamReaders.EntryHandler handler) {
        return readers(concurrency, Duration.ZERO, StreamReaders.eachAlone(handler));
    }

    private StreamReaders readers(int concurrency, Duration linger, StreamReaders.BatchHandler handler) {
        readers = new StreamReaders(
                client,
                new StreamReaders.Spec(
                        stream,
                        "g",
                        concurrency,
                        10,
                        Duration.ofMillis(100),
                        Duration.ofMinutes(5),
                        null,
                        Duration.ofDays(1),
                        linger),
                handler,
                Clock.systemUTC());
        return readers;
    }

    @Test
    void aShortReadLingersAndIsToppedUpWhileTheOtherReadersWaitTheirTurn() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        StreamReaders four = readers(4, Duration.ofSeconds(2), (r, entries) -> {
            batches.add(entries.size());
            entries.forEach(entry -> r.xack(stream, "g", entry.getId()));
        });
        four.start("lingering-readers");
        redis.xadd(stream, Map.of("n", "0"));
        // the first entry is read (pending, not yet handled): its reader lingers, holding the turn
        await().atMost(DEADLINE)
                .ignoreExceptions()
                .until(() -> redis.xpending(stream, "g").getCount() == 1);
        for (int i = 1; i < 5; i++) {
            redis.xadd(stream, Map.of("n", Integer.toString(i)));
        }

        await().atMost(DEADLINE)
                .until(() -> batches.stream().mapToInt(Integer::intValue).sum() == 5);
        assertEquals(List.of(5), batches, "the first entry waited for the four that came during its linger");
    }

    @Test
    void entryThrowingStackOverflowErrorFailsAloneAndItsReaderReadsOn() {
        List<String> handled = new CopyOnWriteArrayList<>();
        StreamReaders one = readers(1, (r, entry) -> {
            if (entry.getBody().containsKey("poison")) {
                throw new StackOverflowError();
            }
            handled.add(entry.getBody().get("n"));
            r.xack(stream, "g", entry.getId());
        });
        one.start("test-readers");
        for (int i = 0; i < 3; i++) {
            redis.xadd(stream, Map.of("poison", "yes"));
            redis.xadd(stream, Map.of("n", Integer.toString(i)));
        }

        await().atMost(DEADLINE).until(() -> handled.size() == 3);
        assertEquals(List.of("0", "1", "2"), handled);
        assertEquals(1, one.alive());
        assertEquals(3, redis.xpending(stream, "g").getCount(), "each failed entry stays pending for a later claim");
    }

    @Test
    @SuppressWarnings("removal")
    void livenessIsDownOnceAReaderThreadIsGone() {
        ConsumerLiveness liveness = new ConsumerLiveness();
        StreamReaders two = readers(2, (r, entry) -> {
            // the one Throwable isolation lets through: a thread told to die (Thread.stop's contract) must end
            throw new ThreadDeath();
        });
        two.start("doomed-reader");
        liveness.watch("test", two);
        assertEquals(HealthStatus.UP, liveness.status());

        redis.xadd(stream, Map.of("n", "1"));

        await().atMost(DEADLINE).until(() -> liveness.status() == HealthStatus.DOWN);
        assertEquals(1, two.alive());
        assertEquals(2, two.expected());
    }

    @Test
    void eachRowPutsTheRowsIdOnTheLinesItsHandlerWritesAndRemovesItAfterwards() {
        StreamReaders.EntryHandler handler = StreamReaders.eachRow(
                stream,
                "g",
                LogFields.NOTIFICATION_ID,
                (r, id) -> LoggerFactory.getLogger(StreamReadersIT.class).info("handling row {}", id));
        try (JsonLogs logs = JsonLogs.capture()) {
            handler.handle(redis, new StreamMessage<>(stream, "1-1", Map.of(RedisKeys.EVENT_ID_FIELD, "77")));

            assertEquals("77", logs.line("handling row 77").orElseThrow().get("notification_id"));
        }
        assertNull(MDC.get(LogFields.NOTIFICATION_ID), "the field is removed once the row is handled");
    }
}
