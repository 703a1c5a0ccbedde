package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * ConsumerGroups runs every {@link ConsumerGroup} of the replica: starts their readers once the application is up,
 * has {@link ConsumerLiveness} watch them, takes over the entries of dead consumers every claim interval, and stops
 * the readers (finishing the batches in hand) on shutdown.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class ConsumerGroups {
    private final List<ConsumerGroup> groups;
    private final ConsumerLiveness liveness;
    private final SharedRedis shared;

    ConsumerGroups(List<ConsumerGroup> groups, ConsumerLiveness liveness, SharedRedis shared) {
        this.groups = groups;
        this.liveness = liveness;
        this.shared = shared;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        for (ConsumerGroup group : groups) {
            group.readers().start(group.name());
            liveness.watch(group.name(), group.readers());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        for (ConsumerGroup group : groups) {
            group.readers().stop();
        }
    }

    @Scheduled(fixedDelay = "${opscenter.worker.claim-interval}", initialDelay = "${opscenter.worker.claim-interval}")
    void claimAbandoned() {
        for (ConsumerGroup group : groups) {
            try {
                group.readers().claimAbandoned(shared.sync());
            } catch (RuntimeException e) {
                // Redis unreachable: the next round tries again
            }
        }
    }
}
