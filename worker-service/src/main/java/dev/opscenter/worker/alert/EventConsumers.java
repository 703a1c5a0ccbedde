package dev.opscenter.worker.alert;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.worker.stream.ConsumerGroup;
import dev.opscenter.worker.stream.StreamReaders;
import dev.opscenter.worker.stream.WorkerSettings;
import io.lettuce.core.RedisClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The events stream's consumer group {@code workers}: each read is handed to the {@link EventBatchHandler} as one batch. */
@Factory
final class EventConsumers {
    @Singleton
    @Named("events")
    @Requires(property = "opscenter.worker.enabled", notEquals = "false")
    ConsumerGroup events(
            RedisClient client, RedisKeys keys, WorkerSettings settings, EventBatchHandler handler, Clock clock) {
        return new ConsumerGroup(
                "events",
                new StreamReaders(
                        client,
                        new StreamReaders.Spec(
                                keys.events(),
                                RedisKeys.WORKERS_GROUP,
                                settings.concurrency(),
                                settings.batchSize(),
                                settings.block(),
                                settings.claimIdle(),
                                keys.workerHeartbeats(),
                                settings.forgetConsumersAfter(),
                                settings.linger()),
                        handler,
                        clock));
    }
}
