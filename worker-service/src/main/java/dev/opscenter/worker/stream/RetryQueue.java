package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RetryQueue delays events between attempts: a sorted set scored by due time, moved back onto the events stream by
 * an atomic script once due, so any number of worker replicas can run the mover without double-enqueuing. If Redis
 * loses the set, the ingress sweeper still re-enqueues the event, a little later.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class RetryQueue {
    private static final Logger LOG = LoggerFactory.getLogger(RetryQueue.class);
    private static final String MOVE_DUE = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            for _, id in ipairs(due) do
              redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'id', id)
              redis.call('ZREM', KEYS[1], id)
            end
            return #due""";

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final long streamMaxLength;

    RetryQueue(SharedRedis redis, RedisKeys keys, Clock clock,
               @Value("${opscenter.events.stream-max-length:200000}") long streamMaxLength) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.streamMaxLength = streamMaxLength;
    }

    void schedule(RedisCommands<String, String> commands, long eventId, Instant due) {
        commands.zadd(keys.eventRetries(), due.toEpochMilli(), Long.toString(eventId));
    }

    @Scheduled(fixedDelay = "${opscenter.worker.retry-interval:1s}", initialDelay = "1s")
    void moveDue() {
        try {
            Long moved = redis.sync().eval(MOVE_DUE, ScriptOutputType.INTEGER,
                    new String[]{keys.eventRetries(), keys.events()},
                    Long.toString(clock.millis()), "100", Long.toString(streamMaxLength));
            if (moved != null && moved > 0) {
                LOG.debug("{} events due for retry re-enqueued", moved);
            }
        } catch (RuntimeException e) {
            LOG.warn("retry queue not moved: {}", e.toString());
        }
    }
}
