package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * NotificationQueue puts notification log ids on the Redis notifications stream for the worker's senders. The row
 * is committed first, pending and due, so a failed enqueue only delays it until the worker looks for due rows.
 */
@Singleton
final class NotificationQueue {
    private final SharedRedis redis;
    private final RedisKeys keys;
    private final long maxLength;

    NotificationQueue(
            SharedRedis redis, RedisKeys keys, @Value("${opscenter.events.stream-max-length}") long maxLength) {
        this.redis = redis;
        this.keys = keys;
        this.maxLength = maxLength;
    }

    /** Appends each id to the stream; throws if Redis cannot be reached. */
    void enqueue(Collection<Long> logIds) {
        for (long id : logIds) {
            redis.appendId(keys.notifications(), id, maxLength);
        }
    }
}
