package dev.opscenter.worker.notify;

import dev.opscenter.common.log.LogFields;
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
import java.time.Duration;

/**
 * The notifications stream's consumer group {@code notifiers}, on its own threads and connections: slow email or a
 * rate-limited bot never holds up event processing. Each notification is sent alone, as soon as it is read.
 */
@Factory
final class NotificationConsumers {
    @Singleton
    @Named("notifications")
    @Requires(property = "opscenter.worker.enabled", notEquals = "false")
    ConsumerGroup notifications(
            RedisClient client,
            RedisKeys keys,
            NotificationSettings settings,
            WorkerSettings workers,
            NotificationDelivery delivery,
            Clock clock) {
        return new ConsumerGroup(
                "notifications",
                new StreamReaders(
                        client,
                        new StreamReaders.Spec(
                                keys.notifications(),
                                RedisKeys.NOTIFIERS_GROUP,
                                settings.concurrency(),
                                settings.batchSize(),
                                settings.block(),
                                settings.claimIdle(),
                                null,
                                workers.forgetConsumersAfter(),
                                Duration.ZERO),
                        StreamReaders.eachAlone(StreamReaders.eachRow(
                                keys.notifications(),
                                RedisKeys.NOTIFIERS_GROUP,
                                LogFields.NOTIFICATION_ID,
                                delivery::handle)),
                        clock));
    }
}
