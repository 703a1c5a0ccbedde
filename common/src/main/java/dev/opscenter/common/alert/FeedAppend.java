package dev.opscenter.common.alert;

import dev.opscenter.common.redis.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/**
 * FeedAppend is the one script that makes alerts live: for each message in turn it picks the next feed id (time-based,
 * after the feed's top entry, like Redis's own), writes it into the message, appends the message to the catch-up feed,
 * keeps the feed under its entry and byte bounds (the sum of message lengths lives in a counter beside it, since Redis
 * streams trim by count or id only) and publishes it on the live channel, atomically. A message is published once:
 * the id is remembered under a per-alert key, and a second call returns it and sends nothing. Several messages go in
 * one call (one round trip), in the order given, their feed ids increasing in that order.
 */
public final class FeedAppend {
    /** Stands for the feed id in the JSON until the script knows it; the id field comes before the data. */
    public static final String ID_PLACEHOLDER = "@@FEED_ID@@";
    /** KEYS: feed, live channel, bytes counter, then one "published" key per message; ARGV: bounds, then the messages. */
    private static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local lastMs, lastSeq = -1, -1
            local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            if #top > 0 then
              local topMs, topSeq = string.match(top[1][1], '^(%d+)-(%d+)$')
              lastMs, lastSeq = tonumber(topMs), tonumber(topSeq)
            end
            local ids = {}
            for i = 5, #ARGV do
              local once = KEYS[i - 1]
              local done = redis.call('GET', once)
              if done then
                ids[#ids + 1] = done
              else
                local ms, seq = now, 0
                if lastMs >= ms then
                  ms, seq = lastMs, lastSeq + 1
                end
                lastMs, lastSeq = ms, seq
                local id = string.format('%d-%d', ms, seq)
                local message = string.gsub(ARGV[i], '@@FEED_ID@@', id, 1)
                redis.call('XADD', KEYS[1], id, ARGV[2], message)
                local bytes = redis.call('INCRBY', KEYS[3], #message)
                local length = redis.call('XLEN', KEYS[1])
                while length > 1 and (length > tonumber(ARGV[1]) or bytes > tonumber(ARGV[4])) do
                  local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1]
                  redis.call('XDEL', KEYS[1], oldest[1])
                  bytes = redis.call('DECRBY', KEYS[3], #oldest[2][2])
                  length = length - 1
                end
                if bytes < #message then
                  -- the counter was lost or the feed existed before it: count at least what is certainly there
                  redis.call('SET', KEYS[3], #message)
                end
                redis.call('PUBLISH', KEYS[2], message)
                redis.call('SET', once, id, 'EX', ARGV[3])
                ids[#ids + 1] = id
              end
            end
            return ids""";

    private FeedAppend() {}

    /** Bounds of the feed and how long a published alert is remembered. */
    public record Bounds(long maxEntries, long maxBytes, long rememberSeconds) {}

    /** One message to make live: JSON holding {@link #ID_PLACEHOLDER}, published once per {@code onceKey}. */
    public record Append(String onceKey, String message) {}

    /**
     * Appends and publishes {@code message} (JSON holding {@link #ID_PLACEHOLDER}) unless {@code onceKey} says it
     * was published already; returns its feed id. Throws if Redis cannot be reached.
     */
    public static String run(
            RedisCommands<String, String> redis, RedisKeys keys, String onceKey, String message, Bounds bounds) {
        return run(redis, keys, List.of(new Append(onceKey, message)), bounds).get(0);
    }

    /**
     * Appends and publishes each message not published before, in order, in one call; returns their feed ids in the
     * same order (the first id for one published before). Throws if Redis cannot be reached.
     */
    public static List<String> run(
            RedisCommands<String, String> redis, RedisKeys keys, List<Append> appends, Bounds bounds) {
        if (appends.isEmpty()) {
            return List.of();
        }
        String[] scriptKeys = new String[3 + appends.size()];
        String[] args = new String[4 + appends.size()];
        scriptKeys[0] = keys.feed();
        scriptKeys[1] = keys.liveChannel();
        scriptKeys[2] = bytesKey(keys);
        args[0] = Long.toString(bounds.maxEntries());
        args[1] = RedisKeys.MESSAGE_FIELD;
        args[2] = Long.toString(bounds.rememberSeconds());
        args[3] = Long.toString(bounds.maxBytes());
        for (int i = 0; i < appends.size(); i++) {
            scriptKeys[3 + i] = appends.get(i).onceKey();
            args[4 + i] = appends.get(i).message();
        }
        List<Object> ids = redis.eval(SCRIPT, ScriptOutputType.MULTI, scriptKeys, args);
        return ids.stream().map(String::valueOf).toList();
    }

    /** The counter of the feed's message bytes, kept beside the feed. */
    public static String bytesKey(RedisKeys keys) {
        return keys.feed() + ":bytes";
    }
}
