package dev.opscenter.ingress.queue;

import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.redis.XInfo;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * StreamInspector reads where one consumer group stands in its stream: XINFO STREAM, GROUPS and CONSUMERS, the XPENDING
 * summary and one XRANGE entry. A fixed number of commands per stream, and at most {@link #MAX_CONSUMERS} consumers
 * listed, so the answer costs the same however long the stream is. Throws when Redis cannot be reached.
 */
@Singleton
final class StreamInspector {
    /** The most consumers listed per group; {@link StreamState#consumerCount} still counts them all. */
    static final int MAX_CONSUMERS = 50;

    private final SharedRedis redis;
    private final Clock clock;

    StreamInspector(SharedRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * One consumer of the group.
     *
     * @param idleMs milliseconds since it last read or acknowledged
     */
    @Serdeable
    record Consumer(String name, long pending, long idleMs) {}

    /**
     * The stream and its group as Redis has them.
     *
     * @param lag                  entries not yet delivered to any consumer of the group; null when Redis cannot count it
     * @param pending              delivered and not yet acknowledged
     * @param oldestPendingSeconds age of the oldest pending entry; null when none is pending
     * @param oldestWaitingSeconds age of the oldest entry not yet delivered; null when none waits
     */
    @Serdeable
    record StreamState(
            boolean exists,
            long length,
            boolean groupExists,
            @Nullable Long lag,
            long pending,
            @Nullable Double oldestPendingSeconds,
            @Nullable Double oldestWaitingSeconds,
            int consumerCount,
            List<Consumer> consumers) {}

    StreamState inspect(String stream, String group) {
        RedisCommands<String, String> commands = redis.sync();
        List<Object> info;
        try {
            info = commands.xinfoStream(stream);
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).contains("no such key")) {
                return new StreamState(false, 0, false, 0L, 0, null, null, 0, List.of());
            }
            throw e;
        }
        long length = XInfo.number(info, "length");
        List<?> groupInfo = XInfo.group(commands.xinfoGroups(stream), group);
        if (groupInfo == null) {
            // the group is created by the first reader, from the start: every entry still waits
            Double waiting = length == 0 ? null : ageOfFirst(commands, stream, Range.unbounded());
            return new StreamState(true, length, false, length, 0, null, waiting, 0, List.of());
        }
        Object lagValue = XInfo.field(groupInfo, "lag");
        Long lag = lagValue instanceof Number n ? n.longValue() : null;
        long pending = XInfo.number(groupInfo, "pending");
        Double oldestPending = pending == 0 ? null : oldestPendingSeconds(commands, stream, group);
        String lastDelivered = String.valueOf(XInfo.field(groupInfo, "last-delivered-id"));
        Double oldestWaiting = lag != null && lag == 0
                ? null
                : ageOfFirst(
                        commands,
                        stream,
                        Range.from(Range.Boundary.excluding(lastDelivered), Range.Boundary.unbounded()));
        List<Consumer> consumers = new ArrayList<>();
        int count = 0;
        for (Object c : commands.xinfoConsumers(stream, group)) {
            count++;
            if (consumers.size() < MAX_CONSUMERS) {
                List<?> fields = (List<?>) c;
                consumers.add(new Consumer(
                        String.valueOf(XInfo.field(fields, "name")),
                        XInfo.number(fields, "pending"),
                        XInfo.number(fields, "idle")));
            }
        }
        return new StreamState(true, length, true, lag, pending, oldestPending, oldestWaiting, count, consumers);
    }

    private Double oldestPendingSeconds(RedisCommands<String, String> commands, String stream, String group) {
        Range<String> ids = commands.xpending(stream, group).getMessageIds();
        String lowest =
                ids == null || ids.getLower() == null ? null : ids.getLower().getValue();
        return lowest == null ? null : ageOf(lowest);
    }

    /** Age of the first entry in the range; null when there is none. */
    private Double ageOfFirst(RedisCommands<String, String> commands, String stream, Range<String> range) {
        List<StreamMessage<String, String>> first = commands.xrange(stream, range, Limit.from(1));
        return first.isEmpty() ? null : ageOf(first.get(0).getId());
    }

    /** A stream id is {@code <milliseconds>-<sequence>}: the time the entry was added. */
    private double ageOf(String entryId) {
        int dash = entryId.indexOf('-');
        long addedAt = Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
        return Math.max(0, clock.millis() - addedAt) / 1000.0;
    }
}
