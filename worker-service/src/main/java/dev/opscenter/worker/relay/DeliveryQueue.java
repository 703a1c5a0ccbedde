package dev.opscenter.worker.relay;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeliveryQueue puts delivery ids on the deliveries stream once their rows are committed. A failure is only logged:
 * the rows are pending in PostgreSQL and the delivery sweeper enqueues them later.
 */
@Singleton
public final class DeliveryQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final long maxLength;

    DeliveryQueue(SharedRedis redis, RedisKeys keys, @Value("${opscenter.events.stream-max-length}") long maxLength) {
        this.redis = redis;
        this.keys = keys;
        this.maxLength = maxLength;
    }

    /** Enqueues every id; never throws. */
    public void enqueueQuietly(Collection<Long> ids) {
        try {
            enqueue(ids);
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} deliveries stored but not enqueued ({}); the sweeper will enqueue them",
                    ids.size(),
                    e.toString());
        }
    }

    /** Enqueues every id; throws if Redis cannot be reached. */
    void enqueue(Collection<Long> ids) {
        for (long id : ids) {
            redis.appendId(keys.deliveries(), id, maxLength);
        }
    }
}
