package dev.opscenter.worker.notify;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.worker.stream.ConsumerLiveness;
import dev.opscenter.worker.stream.StreamReaders;
import dev.opscenter.worker.stream.WorkerSettings;
import io.lettuce.core.RedisClient;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * NotificationConsumers read the notifications stream as group {@code notifiers}, on their own threads and
 * connections: slow email or a rate-limited bot never holds up event processing. Each notification is sent alone.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class NotificationConsumers {
    private final SharedRedis shared;
    private final StreamReaders readers;
    private final ConsumerLiveness liveness;

    NotificationConsumers(RedisClient client, SharedRedis shared, RedisKeys keys, NotificationSettings settings,
                          WorkerSettings workers, NotificationDelivery delivery, ConsumerLiveness liveness, Clock clock) {
        this.shared = shared;
        this.liveness = liveness;
        this.readers = new StreamReaders(client, new StreamReaders.Spec(keys.notifications(), RedisKeys.NOTIFIERS_GROUP,
                settings.concurrency(), settings.batchSize(), settings.block(), settings.claimIdle(), null,
                workers.forgetConsumersAfter(), Duration.ZERO), StreamReaders.eachAlone(delivery::handle), clock);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        readers.start("notify");
        liveness.watch("notifications", readers);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        readers.stop();
    }

    @Scheduled(fixedDelay = "${opscenter.notifications.claim-interval:15s}", initialDelay = "${opscenter.notifications.claim-interval:15s}")
    void claimAbandoned() {
        try {
            readers.claimAbandoned(shared.sync());
        } catch (RuntimeException e) {
            // Redis unreachable: the next round tries again
        }
    }
}
