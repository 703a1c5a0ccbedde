package dev.opscenter.worker.metrics;

import dev.opscenter.common.redis.SharedRedis;
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
        List<Object> group = group(commands.xinfoGroups(stream.key()), stream.group());
        if (group == null) {
            // no group yet: its first read starts at the beginning, so every entry is still to be delivered
            return new StreamSample(length, length, 0, 0, 0);
        }
        long pending = number(group, "pending");
        Object lag = field(group, "lag");
        // Redis answers nil when it cannot count (entries deleted past the group's position): the length bounds it
        long behind = lag instanceof Number n ? n.longValue() : length;
        double oldest = pending == 0 ? 0 : oldestPendingSeconds(commands, stream);
        return new StreamSample(length, behind, pending, oldest, number(group, "consumers"));
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

    /** XINFO GROUPS answers one flat list of alternating field names and values per group. */
    @SuppressWarnings("unchecked")
    private static List<Object> group(List<Object> groups, String name) {
        for (Object info : groups) {
            List<Object> fields = (List<Object>) info;
            if (name.equals(String.valueOf(field(fields, "name")))) {
                return fields;
            }
        }
        return null;
    }

    private static Object field(List<Object> fields, String name) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if (name.equals(String.valueOf(fields.get(i)))) {
                return fields.get(i + 1);
            }
        }
        return null;
    }

    private static long number(List<Object> fields, String name) {
        return field(fields, name) instanceof Number n ? n.longValue() : 0;
    }
}
