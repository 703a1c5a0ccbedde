package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Json;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/**
 * AlertPublisher makes a stored alert live, once: one atomic script appends it to the capped catch-up feed and publishes
 * it on the live channel that every realtime replica subscribes to. The message carries its own feed entry id, so a
 * page that reconnects asks for what came after the last id it saw; the script picks the id itself (time-based,
 * after the feed's top entry, like Redis's own) because the JSON must contain it before it is written.
 *
 * <p>The feed is bounded by entries and by bytes: the script keeps the sum of its messages' lengths in a counter
 * beside it and drops the oldest entries while either bound is passed (Redis streams trim by count or id only).
 * Each entry is bounded too, by {@link AlertLimits}, so no single alert can take the byte budget by itself.
 */
@Singleton
final class AlertPublisher {
    /** Stands for the feed id in the JSON until the script knows it; the id field comes before the data. */
    static final String ID_PLACEHOLDER = "@@FEED_ID@@";
    private static final String APPEND_AND_PUBLISH = """
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
    /** How long Redis remembers that an alert was published, making a republish a no-op. */
    private static final long REMEMBER_SECONDS = 7 * 24 * 3600;

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final long feedLength;
    private final long feedBytes;

    AlertPublisher(SharedRedis redis, RedisKeys keys, JsonMapper json, @Value("${opscenter.feed.max-length:10000}") long feedLength,
                   @Value("${opscenter.feed.max-bytes:33554432}") long feedBytes) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.feedLength = feedLength;
        this.feedBytes = feedBytes;
    }

    /**
     * Publishes the alert once: publishing it again (a republish after a crash) returns the first feed id and sends
     * nothing. Returns the feed id; throws if Redis cannot be reached.
     */
    String publish(AlertMessage alert) {
        String message = Json.write(json, new LiveMessage<>(LiveMessage.ALERT, ID_PLACEHOLDER, alert));
        return redis.sync().eval(APPEND_AND_PUBLISH, ScriptOutputType.VALUE, new String[]{keys.feed(), keys.liveChannel(),
                        keys.prefix() + "published:" + alert.id(), feedBytesKey(keys)},
                message, Long.toString(feedLength), RedisKeys.MESSAGE_FIELD, Long.toString(REMEMBER_SECONDS), Long.toString(feedBytes));
    }

    /** The counter of the feed's message bytes, kept beside the feed. */
    static String feedBytesKey(RedisKeys keys) {
        return keys.feed() + ":bytes";
    }
}
