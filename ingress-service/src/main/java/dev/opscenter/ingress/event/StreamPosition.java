package dev.opscenter.ingress.event;

import dev.opscenter.common.redis.XInfo;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * StreamPosition is where the workers group stands in the events stream, read once per sweep: the stream's first and
 * last entry ids and the group's last-delivered id. Stream ids are times, so it tells an event whose entry is still
 * waiting its turn from one whose entry is gone.
 *
 * @param first         oldest entry still in the stream, null when the stream is empty or missing (entries older were trimmed)
 * @param lastGenerated newest id ever added
 * @param lastDelivered how far the group has read; {@link StreamId#ZERO} without a group (the worker creates it from the start)
 */
record StreamPosition(StreamId first, StreamId lastGenerated, StreamId lastDelivered) {

    /** What the sweeper should do with an unfinished event. */
    enum Fate {
        /** Its entry was never added, was trimmed, or was read and acknowledged with the event left unfinished: enqueue again. */
        LOST,
        /** Its entry (or its retry) is still ahead of the group: the worker reaches it in turn. */
        WAITING,
        /** Its entry was read by a consumer that has not acknowledged it: the worker's XAUTOCLAIM takes it over. */
        CLAIMABLE
    }

    /** Reads the position; a missing stream reads as empty, a missing group as one that has read nothing. */
    static StreamPosition read(RedisCommands<String, String> redis, String stream, String group) {
        List<Object> info;
        try {
            info = redis.xinfoStream(stream);
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).contains("no such key")) { // Redis lost the stream: every entry is gone
                return new StreamPosition(null, StreamId.ZERO, StreamId.ZERO);
            }
            throw e;
        }
        Object firstEntry = XInfo.field(info, "first-entry");
        StreamId first = firstEntry instanceof List<?> entry && !entry.isEmpty()
                ? StreamId.parse(String.valueOf(entry.get(0)))
                : null;
        StreamId lastGenerated = StreamId.parse(String.valueOf(XInfo.field(info, "last-generated-id")));
        StreamId lastDelivered = StreamId.ZERO;
        for (Object g : redis.xinfoGroups(stream)) {
            List<?> fields = (List<?>) g;
            if (group.equals(String.valueOf(XInfo.field(fields, "name")))) {
                lastDelivered = StreamId.parse(String.valueOf(XInfo.field(fields, "last-delivered-id")));
            }
        }
        return new StreamPosition(first, lastGenerated, lastDelivered);
    }

    /**
     * Judges one unfinished event that is due for a sweep.
     *
     * @param entry       the stream entry recorded for it, null if it was never enqueued
     * @param nextSweepAt when it became due; a retry entry is added before that
     * @param pending     whether an entry id is in the group's pending list (read, not acknowledged)
     * @param retrying    whether the event id is in the retry set, waiting to be put back on the stream
     */
    Fate fate(long eventId, String entry, Instant nextSweepAt, Predicate<String> pending, LongPredicate retrying) {
        if (entry == null) {
            // never appended, or appended while a worker held its row (the entry id was not recorded then)
            return retrying.test(eventId) ? Fate.WAITING : Fate.LOST;
        }
        StreamId id = StreamId.parse(entry);
        if (id.compareTo(lastDelivered) > 0) {
            // not read yet: waiting if still in the stream, lost if trimmed before any consumer read it
            return first != null && id.compareTo(first) >= 0 ? Fate.WAITING : Fate.LOST;
        }
        if (pending.test(entry)) {
            return Fate.CLAIMABLE;
        }
        if (retrying.test(eventId)) {
            return Fate.WAITING;
        }
        // read and acknowledged yet unfinished (a retry): its retry entry may still be behind the group, added before
        // nextSweepAt; once the group has read past that time, or has nothing left to read, the retry was lost
        boolean groupBehind =
                lastDelivered.compareTo(lastGenerated) < 0 && lastDelivered.millis() < nextSweepAt.toEpochMilli();
        return groupBehind ? Fate.WAITING : Fate.LOST;
    }

    /** A stream entry id: milliseconds and a sequence number, ordered as Redis orders them. */
    record StreamId(long millis, long sequence) implements Comparable<StreamId> {
        static final StreamId ZERO = new StreamId(0, 0);

        static StreamId parse(String id) {
            int dash = id.indexOf('-');
            return dash < 0
                    ? new StreamId(Long.parseLong(id), 0)
                    : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        }

        @Override
        public int compareTo(StreamId other) {
            int byTime = Long.compare(millis, other.millis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
