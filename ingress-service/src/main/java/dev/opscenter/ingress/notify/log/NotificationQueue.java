package dev.opscenter.ingress.notify.log;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;

/**
 * NotificationQueue puts notification log ids on the Redis notifications stream for the worker's senders. The row
 * is committed first, pending and due, so a failed enqueue only delays it until the worker looks for due rows.
 */
@Singleton
final class NotificationQueue {
    private final SharedRedis redis;
    private final RedisKeys keys;

    NotificationQueue(SharedRedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Appends each id to the stream; throws if Redis cannot be reached. */
    void enqueue(Collection<Long> logIds) {
        for (long id : logIds) {
            redis.sync().xadd(keys.notifications(), Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(id)));
        }
    }
}
