package dev.opscenter.ingress.event;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.XAddArgs;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * EventQueue puts event ids on the Redis events stream. A failed enqueue is not an error for the provider: the event
 * is committed, and the sweeper enqueues it once Redis answers again.
 */
@Singleton
final class EventQueue {
    private final SharedRedis redis;
    private final RedisKeys keys;
    private final long maxLength;

    EventQueue(SharedRedis redis, RedisKeys keys, @Value("${opscenter.events.stream-max-length:200000}") long maxLength) {
        this.redis = redis;
        this.keys = keys;
        this.maxLength = maxLength;
    }

    /** Appends the event id to the stream; throws if Redis cannot be reached. */
    void enqueue(long eventId) {
        redis.sync().xadd(keys.events(), XAddArgs.Builder.maxlen(maxLength).approximateTrimming(),
                Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(eventId)));
    }
}
