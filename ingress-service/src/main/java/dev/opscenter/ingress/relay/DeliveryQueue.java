package dev.opscenter.ingress.relay;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeliveryQueue puts delivery ids on the Redis deliveries stream for the worker's relays group. The row is committed
 * first, pending and due, so an id that does not reach the stream is only late: the worker's sweeper finds due rows.
 */
@Singleton
final class DeliveryQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    /** Ids written per round trip. */
    private static final int CHUNK = 1_000;

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final long maxLength;
    private final Duration timeout;

    DeliveryQueue(
            SharedRedis redis,
            RedisKeys keys,
            @Value("${opscenter.events.stream-max-length}") long maxLength,
            @Value("${opscenter.redis.client.command-timeout}") Duration timeout) {
        this.redis = redis;
        this.keys = keys;
        this.maxLength = maxLength;
        this.timeout = timeout;
    }

    /** Appends each id to the stream; never throws, since what is not appended is still due in PostgreSQL. */
    void enqueue(List<Long> deliveryIds) {
        int appended = 0;
        try {
            for (int from = 0; from < deliveryIds.size(); from += CHUNK) {
                List<Long> chunk = deliveryIds.subList(from, Math.min(deliveryIds.size(), from + CHUNK));
                int done = redis.appendIds(keys.deliveries(), chunk, maxLength, timeout)
                        .size();
                appended += done;
                if (done < chunk.size()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery ids not put on the stream ({})", e.toString());
        }
        if (appended < deliveryIds.size()) {
            LOG.warn(
                    "{} of {} retried deliveries set to pending but not put on the stream; the sweeper will send them",
                    deliveryIds.size() - appended,
                    deliveryIds.size());
        }
    }
}
