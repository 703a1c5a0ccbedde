package dev.opscenter.common.redis;

import dev.opscenter.common.trace.StreamTrace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * SharedRedis is one Redis connection for a service's short, non-blocking commands, opened on first use rather than
 * at start-up: a service starts, and reports itself degraded, while Redis is down. Lettuce reconnects it afterwards.
 */
@Singleton
public final class SharedRedis {
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    SharedRedis(RedisClient client) {
        this.client = client;
    }

    /** Synchronous commands; throws if Redis cannot be reached. */
    public RedisCommands<String, String> sync() {
        return connection().sync();
    }

    /**
     * Appends an id to a work stream (field {@link RedisKeys#EVENT_ID_FIELD}), trimming it to about {@code maxLength}
     * entries — every queue of OpsCenter carries only ids; the rows live in PostgreSQL. Throws if Redis cannot be reached.
     */
    public String appendId(String stream, long id, long maxLength) {
        return sync().xadd(
                        stream,
                        XAddArgs.Builder.maxlen(maxLength).approximateTrimming(),
                        Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(id)));
    }

    /**
     * Appends ids to a work stream as {@link #appendId} does, all written before any reply is awaited (one round trip
     * for the lot). Returns the entry ids of those appended, in order, up to the first that failed; the rest were not
     * appended or not confirmed. Throws only if Redis cannot be reached at all.
     */
    public List<String> appendIds(String stream, List<Long> ids, long maxLength, Duration timeout) {
        return appendIds(stream, ids, n -> null, maxLength, timeout);
    }

    /**
     * Appends ids as {@link #appendIds(String, List, long, Duration)} does; the entry of the id at position {@code n}
     * also carries {@code traceparents.apply(n)} in field {@link StreamTrace#TRACEPARENT}, unless that is null.
     */
    public List<String> appendIds(
            String stream, List<Long> ids, IntFunction<String> traceparents, long maxLength, Duration timeout) {
        RedisAsyncCommands<String, String> async = connection().async();
        XAddArgs args = XAddArgs.Builder.maxlen(maxLength).approximateTrimming();
        List<RedisFuture<String>> sent = new ArrayList<>(ids.size());
        for (int n = 0; n < ids.size(); n++) {
            String id = Long.toString(ids.get(n));
            String traceparent = traceparents.apply(n);
            sent.add(async.xadd(
                    stream,
                    args,
                    traceparent == null
                            ? Map.of(RedisKeys.EVENT_ID_FIELD, id)
                            : Map.of(RedisKeys.EVENT_ID_FIELD, id, StreamTrace.TRACEPARENT, traceparent)));
        }
        List<String> entries = new ArrayList<>(ids.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RedisFuture<String> future : sent) {
            try {
                entries.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                break;
            }
        }
        return entries;
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
    }
}
