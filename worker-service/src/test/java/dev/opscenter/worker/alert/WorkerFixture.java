package dev.opscenter.worker.alert;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.worker.StoredRows;
import dev.opscenter.worker.StreamState;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * WorkerFixture is what the event-processing tests do to the worker's PostgreSQL and Redis: store sources and events
 * as ingress would and read rows back ({@link #rows}), append stream entries, and listen to the live channel.
 */
final class WorkerFixture implements AutoCloseable {
    private final RedisKeys keys;
    private final JsonMapper json;
    private final RedisClient client;
    final RedisCommands<String, String> redis;
    /** The rows in PostgreSQL: sources and events stored as ingress stores them, and queries. */
    final StoredRows rows;
    /** Every message published on the live channel since the fixture was made. */
    final List<String> published = new CopyOnWriteArrayList<>();

    WorkerFixture(TestEnvironment env, RedisKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
        this.client = RedisClient.create(env.redisUri());
        this.redis = client.connect().sync();
        this.rows = new StoredRows(env);
        StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                published.add(message);
            }
        });
        sub.sync().subscribe(keys.liveChannel());
    }

    static String fixture(String name) {
        try (InputStream in = WorkerFixture.class.getResourceAsStream("/fixtures/github/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends one stream entry for the event; returns the entry id. */
    String enqueue(long eventId) {
        return redis.xadd(keys.events(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(eventId)));
    }

    /** Appends one entry per id in one MULTI/EXEC, so a consumer gets them all in one read (one batch). */
    void enqueueTogether(List<Long> eventIds) {
        redis.multi();
        eventIds.forEach(this::enqueue);
        redis.exec();
    }

    /**
     * Appends one entry per id and, in the same MULTI/EXEC, has them read by a consumer that then dies: no live
     * consumer sees them until they are claimed as abandoned. Returns the entries the dead consumer holds.
     */
    List<StreamMessage<String, String>> enqueueToDeadConsumer(List<Long> eventIds) {
        try {
            redis.xgroupCreate(
                    XReadArgs.StreamOffset.from(keys.events(), "0"),
                    RedisKeys.WORKERS_GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException e) {
            // the group exists
        }
        redis.multi();
        eventIds.forEach(this::enqueue);
        // everything unread, ours included (a retry entry of another test may be among them; it is claimed later)
        redis.xreadgroup(
                Consumer.from(RedisKeys.WORKERS_GROUP, "dead-consumer"),
                XReadArgs.Builder.count(eventIds.size() + 1_000),
                XReadArgs.StreamOffset.lastConsumed(keys.events()));
        TransactionResult result = redis.exec();
        return result.get(eventIds.size());
    }

    /** Entries of the catch-up feed that carry the event's alert. */
    long onFeed(long eventId) {
        return redis.xrange(keys.feed(), Range.create("-", "+")).stream()
                .filter(e -> e.getBody().get(RedisKeys.MESSAGE_FIELD).contains("\"eventId\":" + eventId + ","))
                .count();
    }

    boolean allAcknowledged() {
        return StreamState.drained(redis, keys.events(), RedisKeys.WORKERS_GROUP);
    }

    /** The live messages published for the event, as JSON maps, in the order they arrived. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> publishedFor(long eventId) {
        return published.stream()
                .map(m -> {
                    try {
                        return (Map<String, Object>) json.readValue(m, Map.class);
                    } catch (IOException e) {
                        throw new AssertionError(m, e);
                    }
                })
                .filter(m -> ((Number) ((Map<String, Object>) m.get("data")).get("eventId")).longValue() == eventId)
                .toList();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
