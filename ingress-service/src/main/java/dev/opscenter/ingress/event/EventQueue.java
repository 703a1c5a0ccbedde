package dev.opscenter.ingress.event;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventQueue puts event ids on the Redis events stream. A failed enqueue is not an error for the provider: the event
 * is committed, and the sweeper enqueues it once Redis answers again.
 */
@Singleton
public final class EventQueue {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

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
        redis.appendId(keys.events(), eventId, maxLength);
    }

    /**
     * Enqueues a committed event; if Redis fails the sweeper enqueues it later, so the caller still answers 2xx.
     * Returns whether it is on the stream now.
     */
    public boolean offer(long eventId) {
        try {
            enqueue(eventId);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("event {} stored but not enqueued ({}); the sweeper will retry", eventId, e.toString());
            return false;
        }
    }
}
