package dev.opscenter.common.alert;

import dev.opscenter.common.redis.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * FeedAppend is the one script that makes an alert live: it picks the next feed id (time-based, after the feed's top
 * entry, like Redis's own), writes it into the message, appends the message to the catch-up feed, keeps the feed
 * under its entry and byte bounds (the sum of message lengths lives in a counter beside it, since Redis streams trim
 * by count or id only) and publishes it on the live channel, atomically. A message is published once: the id is
 * remembered under a per-alert key, and a second call returns it and sends nothing.
 */
public final class FeedAppend {
    /** Stands for the feed id in the JSON until the script knows it; the id field comes before the data. */
    public static final String ID_PLACEHOLDER = "@@FEED_ID@@";
    private static final String SCRIPT = """
            local done = redis.call('GET', KEYS[3])
            if done then
              return done
            end
            local t = redis.call('TIME')
            local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local seq = 0
            local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            if #top > 0 then
              local topMs, topSeq = string.match(top[1][1], '^(%d+)-(%d+)$')
              topMs = tonumber(topMs)
              if topMs >= ms then
                ms = topMs
                seq = tonumber(topSeq) + 1
              end
            end
            local id = string.format('%d-%d', ms, seq)
            local message = string.gsub(ARGV[1], '@@FEED_ID@@', id, 1)
            redis.call('XADD', KEYS[1], id, ARGV[3], message)
            local bytes = redis.call('INCRBY', KEYS[4], #message)
            local length = redis.call('XLEN', KEYS[1])
            while length > 1 and (length > tonumber(ARGV[2]) or bytes > tonumber(ARGV[5])) do
              local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1]
              redis.call('XDEL', KEYS[1], oldest[1])
              bytes = redis.call('DECRBY', KEYS[4], #oldest[2][2])
              length = length - 1
            end
            if bytes < #message then
              -- the counter was lost or the feed existed before it: count at least what is certainly there
              redis.call('SET', KEYS[4], #message)
            end
            redis.call('PUBLISH', KEYS[2], message)
            redis.call('SET', KEYS[3], id, 'EX', ARGV[4])
            return id""";

    private FeedAppend() {
    }

    /** Bounds of the feed and how long a published alert is remembered. */
    public record Bounds(long maxEntries, long maxBytes, long rememberSeconds) {
    }

    /**
     * Appends and publishes {@code message} (JSON holding {@link #ID_PLACEHOLDER}) unless {@code onceKey} says it
     * was published already; returns its feed id. Throws if Redis cannot be reached.
     */
    public static String run(RedisCommands<String, String> redis, RedisKeys keys, String onceKey, String message, Bounds bounds) {
        return redis.eval(SCRIPT, ScriptOutputType.VALUE, new String[]{keys.feed(), keys.liveChannel(), onceKey, bytesKey(keys)},
                message, Long.toString(bounds.maxEntries()), RedisKeys.MESSAGE_FIELD, Long.toString(bounds.rememberSeconds()),
                Long.toString(bounds.maxBytes()));
    }

    /** The counter of the feed's message bytes, kept beside the feed. */
    public static String bytesKey(RedisKeys keys) {
        return keys.feed() + ":bytes";
    }
}
