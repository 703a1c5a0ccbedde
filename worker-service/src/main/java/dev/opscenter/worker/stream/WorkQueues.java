package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The work queues whose rows live in PostgreSQL: notifications to send and deliveries to relay. */
@Factory
final class WorkQueues {

    @Singleton
    @Named("notifications")
    WorkQueue notifications(
            SharedRedis redis, RedisKeys keys, @Value("${opscenter.events.stream-max-length}") long maxLength) {
        return new WorkQueue(redis, keys.notifications(), "notification_logs", maxLength);
    }

    @Singleton
    @Named("deliveries")
    WorkQueue deliveries(
            SharedRedis redis, RedisKeys keys, @Value("${opscenter.events.stream-max-length}") long maxLength) {
        return new WorkQueue(redis, keys.deliveries(), "deliveries", maxLength);
    }
}
