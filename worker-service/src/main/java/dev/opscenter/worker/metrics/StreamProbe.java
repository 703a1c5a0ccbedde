package dev.opscenter.worker.metrics;

import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.redis.XInfo;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * StreamProbe asks Redis how far a consumer group is behind its stream: XLEN, XINFO GROUPS (consumers, pending,
 * lag) and, when entries are pending, the XPENDING summary whose lowest id dates the oldest of them. Throws when
 * Redis cannot be reached.
 */
@Singleton
class StreamProbe {
    private final SharedRedis redis;
    private final Clock clock;

    StreamProbe(SharedRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    StreamSample sample(WorkStream stream) {
        RedisCommands<String, String> commands = redis.sync();
        if (commands.exists(stream.key()) == 0) {
            return StreamSample.EMPTY;
        }
        long length = commands.xlen(stream.key());
        List<?> group = XInfo.group(commands.xinfoGroups(stream.key()), stream.group());
        if (group == null) {
            // no group yet: its first read starts at the beginning, so every entry is still to be delivered
            return new StreamSample(length, length, 0, 0, 0);
        }
        long pending = XInfo.number(group, "pending");
        Object lag = XInfo.field(group, "lag");
        // Redis answers nil when it cannot count (entries deleted past the group's position): the length bounds it
        long behind = lag instanceof Number n ? n.longValue() : length;
        double oldest = pending == 0 ? 0 : oldestPendingSeconds(commands, stream);
        return new StreamSample(length, behind, pending, oldest, XInfo.number(group, "consumers"));
    }

    private double oldestPendingSeconds(RedisCommands<String, String> commands, WorkStream stream) {
        Range<String> ids = commands.xpending(stream.key(), stream.group()).getMessageIds();
        String lowest =
                ids == null || ids.getLower() == null ? null : ids.getLower().getValue();
        if (lowest == null) {
            return 0;
        }
        // a stream id is "<milliseconds>-<sequence>": the time the entry was added
        long addedAt = Long.parseLong(lowest.substring(0, lowest.indexOf('-')));
        return Math.max(0, clock.millis() - addedAt) / 1000.0;
    }
}
