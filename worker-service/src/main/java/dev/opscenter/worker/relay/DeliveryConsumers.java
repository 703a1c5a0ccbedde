package dev.opscenter.worker.relay;

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
 * The deliveries stream's consumer group {@code relays}, on its own threads and connections: a slow receiver never
 * holds up event processing or notifications. Each delivery is sent alone, as soon as it is read, and each reader takes
 * {@code batch-size} (1 by default) at a time, so one slow or failing endpoint holds one reader for at most the send
 * timeout while the other readers relay the rest.
 */
@Factory
final class DeliveryConsumers {
    @Singleton
    @Named("deliveries")
    @Requires(property = "opscenter.worker.enabled", notEquals = "false")
    ConsumerGroup deliveries(
            RedisClient client,
            RedisKeys keys,
            RelaySettings settings,
            WorkerSettings workers,
            DeliverySender sender,
            Clock clock) {
        return new ConsumerGroup(
                "deliveries",
                new StreamReaders(
                        client,
                        new StreamReaders.Spec(
                                keys.deliveries(),
                                RedisKeys.RELAYS_GROUP,
                                settings.concurrency(),
                                settings.batchSize(),
                                settings.block(),
                                settings.claimIdle(),
                                null,
                                workers.forgetConsumersAfter(),
                                Duration.ZERO),
                        StreamReaders.eachAlone(StreamReaders.eachRow(
                                keys.deliveries(), RedisKeys.RELAYS_GROUP, LogFields.DELIVERY_ID, sender::handle)),
                        clock));
    }
}
