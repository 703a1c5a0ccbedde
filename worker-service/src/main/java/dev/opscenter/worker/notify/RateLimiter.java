package dev.opscenter.worker.notify;

import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * RateLimiter is a sliding window kept in Redis, shared by every worker replica: a send may take {@code cost} permits
 * when the window holds room for them, otherwise it learns how long to wait. Nothing is dropped: the caller re-queues
 * the work for then (Telegram allows a bot about 20 messages a minute; a relay subscription sets its own per-second
 * limit).
 */
@Singleton
public final class RateLimiter {
    private static final String ACQUIRE = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            local cost = tonumber(ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local used = redis.call('ZCARD', KEYS[1])
            if used + cost <= limit then
              for i = 1, cost do
                redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i)
              end
              redis.call('PEXPIRE', KEYS[1], window)
              return 0
            end
            local need = used + cost - limit
            local oldest = redis.call('ZRANGE', KEYS[1], need - 1, need - 1, 'WITHSCORES')
            return tonumber(oldest[2]) + window - now""";
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final SharedRedis redis;
    private final Clock clock;

    RateLimiter(SharedRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Takes the permits of a one-minute window and returns zero, or takes none and returns how long until they fit. */
    Duration acquire(String key, int cost, int perMinute, String token) {
        return acquire(key, cost, perMinute, WINDOW, token);
    }

    /**
     * Takes the permits and returns zero, or takes none and returns how long until they would fit: at most {@code
     * limit} permits in any {@code window}; {@code token} names this send's permits (unique per send).
     */
    public Duration acquire(String key, int cost, int limit, Duration window, String token) {
        int permits = Math.min(Math.max(cost, 1), limit);
        Long waitMillis = redis.sync()
                .eval(
                        ACQUIRE,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        Long.toString(clock.millis()),
                        Long.toString(window.toMillis()),
                        Integer.toString(limit),
                        Integer.toString(permits),
                        token);
        return Duration.ofMillis(Math.max(0, waitMillis == null ? 0 : waitMillis));
    }
}
