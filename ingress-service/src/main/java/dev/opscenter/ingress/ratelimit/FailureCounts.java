package dev.opscenter.ingress.ratelimit;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FailureCounts counts a client's failed authentications in fixed windows. Redis holds the count so every replica
 * sees the same total; while Redis fails, counting falls back to this replica's memory (fail open to a local limit,
 * so a Redis outage neither blocks everybody nor lifts the limit) and Redis is not asked again for a back-off period.
 */
@Singleton
final class FailureCounts {
    private static final Logger LOG = LoggerFactory.getLogger(FailureCounts.class);

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final ThrottleSettings settings;
    private final Clock clock;
    private final ClientTable<Local> local;
    private final AtomicReference<Instant> redisAgainAt = new AtomicReference<>(Instant.MIN);

    private record Local(long window, long count, Instant expires) {}

    FailureCounts(SharedRedis redis, RedisKeys keys, ThrottleSettings settings, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.local = new ClientTable<>(100_000, Local::expires);
    }

    /** Counts one more failure; the client's total in the current window, and when that window ends. */
    Window add(String client) {
        Instant now = clock.instant();
        long seconds = Math.max(1, settings.window().toSeconds());
        long window = now.getEpochSecond() / seconds;
        Instant ends = Instant.ofEpochSecond((window + 1) * seconds);
        if (now.isAfter(redisAgainAt.get())) {
            try {
                String key = keys.prefix() + "authfail:" + client + ":" + window;
                long count = redis.sync().incr(key);
                if (count == 1) {
                    redis.sync().expire(key, seconds + 1);
                }
                return new Window(count, ends);
            } catch (RuntimeException e) {
                redisAgainAt.set(now.plus(settings.redisBackoff()));
                LOG.warn(
                        "Redis unavailable for failed-authentication counts, counting on this replica for {}: {}",
                        settings.redisBackoff(),
                        e.toString());
            }
        }
        Local counted = local.update(
                client,
                now,
                old -> old == null || old.window() != window
                        ? new Local(window, 1, ends)
                        : new Local(window, old.count() + 1, ends));
        return new Window(counted.count(), ends);
    }

    /** A client's failures so far in a window and when it ends. */
    record Window(long failures, Instant ends) {}
}
