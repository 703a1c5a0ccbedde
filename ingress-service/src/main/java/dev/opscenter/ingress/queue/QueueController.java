package dev.opscenter.ingress.queue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/queues}: the three work streams (events, notifications, deliveries) as Redis holds them, with the
 * throughput and failures PostgreSQL records. Read-only, for every signed-in role. While Redis cannot be reached the
 * streams read as unknown and the PostgreSQL figures are still answered.
 */
@Controller("/api/queues")
@ExecuteOn(TaskExecutors.BLOCKING)
final class QueueController {
    /** The window throughput is measured over. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(QueueController.class);

    private final StreamInspector inspector;
    private final QueueCounts counts;
    private final SharedRedis redis;
    private final RedisKeys keys;

    QueueController(StreamInspector inspector, QueueCounts counts, SharedRedis redis, RedisKeys keys) {
        this.inspector = inspector;
        this.counts = counts;
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * One work stream.
     *
     * @param stream           null while Redis cannot be reached
     * @param scheduledRetries entries waiting in the retry set for their due time; null while Redis cannot be reached
     * @param perMinute        finished per minute over the last {@code windowMinutes}
     * @param failed           failed and not retried, counted up to {@code failedCap}
     */
    @Serdeable
    record Queue(
            String name,
            String key,
            String group,
            @Nullable StreamInspector.StreamState stream,
            @Nullable Long scheduledRetries,
            long doneInWindow,
            double perMinute,
            long failed) {}

    /** The queues; {@code redis} is "up" or "down". */
    @Serdeable
    record Queues(String redis, long windowMinutes, int failedCap, List<Queue> queues) {}

    @Get
    Queues queues() {
        QueueCounts.Counts done = counts.read(WINDOW);
        List<Spec> specs = List.of(
                new Spec(
                        "events",
                        keys.events(),
                        RedisKeys.WORKERS_GROUP,
                        keys.eventRetries(),
                        done.eventsDone(),
                        done.eventsFailed()),
                new Spec(
                        "notifications",
                        keys.notifications(),
                        RedisKeys.NOTIFIERS_GROUP,
                        keys.notificationRetries(),
                        done.notificationsDone(),
                        done.notificationsFailed()),
                new Spec(
                        "deliveries",
                        keys.deliveries(),
                        RedisKeys.RELAYS_GROUP,
                        keys.deliveryRetries(),
                        done.deliveriesDone(),
                        done.deliveriesFailed()));
        List<Queue> queues = new ArrayList<>();
        boolean up = true;
        for (Spec spec : specs) {
            StreamInspector.StreamState state = null;
            Long retries = null;
            if (up) {
                try {
                    state = inspector.inspect(spec.key, spec.group);
                    retries = redis.sync().zcard(spec.retries);
                } catch (RuntimeException e) {
                    LOG.warn("queues: Redis did not answer for {}: {}", spec.key, e.toString());
                    up = false;
                    state = null;
                    retries = null;
                }
            }
            queues.add(new Queue(
                    spec.name,
                    spec.key,
                    spec.group,
                    state,
                    retries,
                    spec.done,
                    Math.round(spec.done * 10.0 / WINDOW.toMinutes()) / 10.0,
                    spec.failed));
        }
        if (!up) {
            // a stream read before Redis stopped answering is left out too: the page shows one moment, not a mix
            queues.replaceAll(
                    q -> new Queue(q.name, q.key, q.group, null, null, q.doneInWindow, q.perMinute, q.failed));
        }
        return new Queues(up ? "up" : "down", WINDOW.toMinutes(), QueueCounts.MAX_FAILED, queues);
    }

    private record Spec(String name, String key, String group, String retries, long done, long failed) {}
}
