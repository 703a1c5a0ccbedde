package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.source.SourceRepository;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sweeper against a real stream and consumer group: it re-enqueues, once, only events whose entry is gone, and
 * leaves alone those waiting their turn or held by a consumer (the worker's XAUTOCLAIM takes those over). The
 * pending age is zero, so every unfinished event is due at every sweep: only the stream decides.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PendingSweeperIT extends IngressIT {
    static final String SECRET = "gh-secret-for-sweeper-tests";
    static final int SWEEPS = 5;
    static final AtomicInteger DELIVERY = new AtomicInteger();

    @Inject
    SourceRepository sources;

    @Inject
    PendingSweeper sweeper;

    @Inject
    EventQueue queue;

    @Inject
    RedisKeys keys;

    RedisClient redisClient;
    RedisCommands<String, String> redis;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "opscenter.sweeper.enabled", "true",
                "opscenter.sweeper.pending-age", "0s",
                "opscenter.sweeper.interval", "1h", // swept by hand below
                "opscenter.events.entry-record-delay", "0s"); // entry ids written at once: the stream alone decides
    }

    @BeforeEach
    void setUp() {
        if (sources.findBySlug("gh").isEmpty()) {
            sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);
        }
        if (redis == null) {
            redisClient = RedisClient.create(env.redisUri());
            redis = redisClient.connect().sync();
        }
        try { // the worker's group, created as the worker creates it: from the start of the stream
            redis.xgroupCreate(
                    XReadArgs.StreamOffset.from(keys.events(), "0"),
                    RedisKeys.WORKERS_GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            // created by an earlier test
        }
    }

    @AfterAll
    void closeRedis() {
        redisClient.shutdown();
    }

    @Test
    void eventsWaitingInTheStreamAreNeverReEnqueued() {
        List<Long> ids = List.of(accepted(), accepted(), accepted());
        sweepRepeatedly();
        for (long id : ids) {
            assertEquals(1, entries(id), "event " + id + " waits its turn: one entry");
        }
    }

    @Test
    void eventNeverEnqueuedIsEnqueuedExactlyOnce() throws SQLException {
        // committed, but the background sender never got it (backlog full, Redis error)
        long id = count("""
                INSERT INTO webhook_events (source_id, event_type, raw_body, next_sweep_at)
                SELECT id, 'ping', '{}'::bytea, now() FROM webhook_sources WHERE slug = 'gh' RETURNING id""");
        sweepRepeatedly();
        assertEquals(1, entries(id));
    }

    @Test
    void eventWhoseEntryWasTrimmedIsReEnqueuedOnce() {
        long id = accepted();
        redis.xtrim(keys.events(), 0); // MAXLEN 0, exact: the entry is gone before any consumer read it
        sweepRepeatedly();
        assertEquals(1, entries(id));
    }

    @Test
    void eventsAreReEnqueuedOnceAfterRedisLostTheStream() {
        long id = accepted();
        redis.del(keys.events()); // Redis restarted without its data: the stream and its group are gone
        sweepRepeatedly();
        assertEquals(1, entries(id), "one new entry, then it waits for the worker that recreates its group");
    }

    @Test
    void entryHeldByADeadConsumerIsLeftToTheWorkersClaim() {
        long id = accepted();
        // a consumer reads the entry and dies before acknowledging it: XAUTOCLAIM of a live worker takes it over
        List<StreamMessage<String, String>> read = redis.xreadgroup(
                Consumer.from(RedisKeys.WORKERS_GROUP, "died-" + id),
                XReadArgs.Builder.count(100_000),
                XReadArgs.StreamOffset.lastConsumed(keys.events()));
        String entry = read.stream()
                .filter(e -> carries(e, id))
                .findFirst()
                .orElseThrow()
                .getId();
        sweepRepeatedly();
        assertEquals(1, entries(id), "no copy: the entry is still pending in the group");
        assertEquals(
                "died-" + id,
                redis.xpending(keys.events(), RedisKeys.WORKERS_GROUP, Range.create(entry, entry), Limit.from(1))
                        .get(0)
                        .getConsumer(),
                "still held by the consumer that read it");
    }

    @Test
    void eventReadAndAcknowledgedButUnfinishedIsReEnqueuedOnce() {
        long id = accepted();
        // read and acknowledged with the event left pending: a retry whose delay entry Redis lost
        List<StreamMessage<String, String>> read = redis.xreadgroup(
                Consumer.from(RedisKeys.WORKERS_GROUP, "acker"),
                XReadArgs.Builder.count(100_000),
                XReadArgs.StreamOffset.lastConsumed(keys.events()));
        redis.xack(
                keys.events(),
                RedisKeys.WORKERS_GROUP,
                read.stream().map(StreamMessage::getId).toArray(String[]::new));
        sweepRepeatedly();
        assertEquals(2, entries(id), "the first entry, read, and one copy waiting behind the group");
    }

    @Test
    void aRowAWorkerHoldsNeverHoldsUpTheAppendsBehindIt() throws Exception {
        long held = count("""
                INSERT INTO webhook_events (source_id, event_type, raw_body, next_sweep_at)
                SELECT id, 'ping', '{}'::bytea, now() + interval '1 hour' FROM webhook_sources WHERE slug = 'gh' RETURNING id""");
        try (java.sql.Connection worker = env.connection()) {
            // a worker processing the event: its row locked in a transaction that is still open
            worker.setAutoCommit(false);
            worker.createStatement().execute("SELECT id FROM webhook_events WHERE id = " + held + " FOR UPDATE");

            queue.offer(held);
            long next = accepted(); // appended and its entry id recorded while the held row stays locked

            assertEquals(1, entries(held), "the held event was appended too");
            assertEquals(
                    1,
                    count("SELECT count(*) FROM webhook_event_entries WHERE event_id = " + held),
                    "its entry id is recorded beside the row, without waiting for the row's lock");
            assertEquals(1, entries(next));
            worker.rollback();
        }
    }

    /** Posts a signed webhook and waits until the background sender has enqueued it and recorded its entry. */
    private long accepted() {
        HttpResponse<String> reply = client.githubPing(SECRET, "sweeper-" + DELIVERY.incrementAndGet());
        assertEquals(202, reply.statusCode(), reply.body());
        long id = Long.parseLong(reply.body().replaceAll("\\D+", " ").trim().split(" ")[0]);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries(id) == 1
                        && count("SELECT count(*) FROM webhook_event_entries WHERE event_id = " + id) == 1);
        return id;
    }

    private void sweepRepeatedly() {
        for (int i = 0; i < SWEEPS; i++) {
            sweeper.sweep();
        }
    }

    private long entries(long id) {
        return redis.xrange(keys.events(), Range.create("-", "+")).stream()
                .filter(e -> carries(e, id))
                .count();
    }

    private static boolean carries(StreamMessage<String, String> entry, long id) {
        return Long.toString(id).equals(entry.getBody().get(RedisKeys.EVENT_ID_FIELD));
    }
}
