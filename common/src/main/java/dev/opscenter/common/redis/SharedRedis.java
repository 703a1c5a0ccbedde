package dev.opscenter.common.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;

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
        return sync().xadd(stream, XAddArgs.Builder.maxlen(maxLength).approximateTrimming(),
                Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(id)));
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
