package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.RedisClient;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;

/** EventConsumers read the events stream as group {@code workers} and hand each read to the {@link EventBatchHandler}. */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class EventConsumers {
    private final SharedRedis shared;
    private final StreamReaders readers;
    private final ConsumerLiveness liveness;

    EventConsumers(RedisClient client, SharedRedis shared, RedisKeys keys, WorkerSettings settings, EventBatchHandler handler,
                   ConsumerLiveness liveness, Clock clock) {
        this.shared = shared;
        this.liveness = liveness;
        this.readers = new StreamReaders(client, new StreamReaders.Spec(keys.events(), RedisKeys.WORKERS_GROUP,
                settings.concurrency(), settings.batchSize(), settings.block(), settings.claimIdle(), keys.workerHeartbeats(),
                settings.forgetConsumersAfter(), settings.linger()),
                handler, clock);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        readers.start("events");
        liveness.watch("events", readers);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        readers.stop();
    }

    @Scheduled(fixedDelay = "${opscenter.worker.claim-interval:15s}", initialDelay = "${opscenter.worker.claim-interval:15s}")
    void claimAbandoned() {
        try {
            readers.claimAbandoned(shared.sync());
        } catch (RuntimeException e) {
            // Redis unreachable: the next round tries again
        }
    }
}
