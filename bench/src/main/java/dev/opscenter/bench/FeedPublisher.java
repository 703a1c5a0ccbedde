package dev.opscenter.bench;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * FeedPublisher makes alerts live the way the worker does: one script picks the next feed id (time-based, after the
 * feed's newest entry), writes it into the message, appends the message to the capped feed and publishes it on the
 * live channel, atomically, so every message carries the feed id a reconnecting page asks from.
 */
final class FeedPublisher implements AutoCloseable {
    private static final String PLACEHOLDER = "@@FEED_ID@@";
    // The worker's AlertPublisher script without its "published once" memory, which a benchmark does not need.
    private static final String APPEND_AND_PUBLISH = """
            local t = redis.call('TIME')
            local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local seq = 0
            local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
            if #newest > 0 then
              local newestMs, newestSeq = string.match(newest[1][1], '^(%d+)-(%d+)$')
              if tonumber(newestMs) >= ms then
                ms = tonumber(newestMs)
                seq = tonumber(newestSeq) + 1
              end
            end
            local id = string.format('%d-%d', ms, seq)
            local message = string.gsub(ARGV[1], '@@FEED_ID@@', id, 1)
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], id, ARGV[3], message)
            redis.call('PUBLISH', KEYS[2], message)
            return id""";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final JsonMapper json = JsonMapper.createDefault();

    FeedPublisher(URI redisUri, String prefix) {
        this.client = RedisClient.create(redisUri.toString());
        this.connection = client.connect();
        this.redis = connection.sync();
        this.keys = new RedisKeys(prefix);
    }

    /** Publishes alert number {@code n}; returns its feed id. */
    String publish(long n) throws IOException {
        AlertMessage alert = new AlertMessage(n, n, 1L, null, "bench", "Socket load", "push", "Load alert " + n,
                "Alert " + n + " of the realtime load run", "warning", Map.of("run", "socket-load"), false, Instant.now());
        String message = json.writeValueAsString(new LiveMessage<>(LiveMessage.ALERT, PLACEHOLDER, alert));
        return redis.eval(APPEND_AND_PUBLISH, ScriptOutputType.VALUE, new String[]{keys.feed(), keys.liveChannel()},
                message, "10000", RedisKeys.MESSAGE_FIELD);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
