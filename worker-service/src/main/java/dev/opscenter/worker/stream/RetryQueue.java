package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RetryQueue delays work between attempts: per stream a sorted set scored by due time, moved back onto its stream by
 * an atomic script once due, so any number of worker replicas can run the mover without double-enqueuing. It serves
 * the events, notifications and deliveries streams. If Redis loses a set, the sweepers still find the work in
 * PostgreSQL, a little later.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
public final class RetryQueue {
    private static final Logger LOG = LoggerFactory.getLogger(RetryQueue.class);
    private static final String MOVE_DUE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(due) do
              redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'id', id)
              redis.call('ZREM', KEYS[1], id)
            end
            return #due""";

    private final SharedRedis redis;
    private final Clock clock;
    private final long streamMaxLength;
    private final List<String[]> queues;

    RetryQueue(
            SharedRedis redis,
            RedisKeys keys,
            Clock clock,
            @Value("${opscenter.events.stream-max-length}") long streamMaxLength) {
        this.redis = redis;
        this.clock = clock;
        this.streamMaxLength = streamMaxLength;
        this.queues = List.of(
                new String[] {keys.eventRetries(), keys.events()},
                new String[] {keys.notificationRetries(), keys.notifications()},
                new String[] {keys.deliveryRetries(), keys.deliveries()});
    }

    /** Puts an id in the delay set that feeds the given stream's retries. */
    public void schedule(RedisCommands<String, String> commands, String delaySet, long id, Instant due) {
        schedule(commands, delaySet, Map.of(id, due));
    }

    /** Puts ids in the delay set that feeds the given stream's retries, each due at its time, in one command. */
    public void schedule(RedisCommands<String, String> commands, String delaySet, Map<Long, Instant> due) {
        if (due.isEmpty()) {
            return;
        }
        commands.zadd(
                delaySet,
                due.entrySet().stream()
                        .map(e -> ScoredValue.just((double) e.getValue().toEpochMilli(), Long.toString(e.getKey())))
                        .toArray(ScoredValue[]::new));
    }

    @Scheduled(fixedDelay = "${opscenter.worker.retry-interval}", initialDelay = "1s")
    void moveDue() {
        for (String[] queue : queues) {
            try {
                redis.sync()
                        .eval(
                                MOVE_DUE,
                                ScriptOutputType.INTEGER,
                                queue,
                                Long.toString(clock.millis()),
                                "100",
                                Long.toString(streamMaxLength));
            } catch (RuntimeException e) {
                LOG.warn("retries of {} not moved: {}", queue[1], e.toString());
            }
        }
    }
}
