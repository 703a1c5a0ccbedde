package dev.opscenter.bench;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.FeedAppend;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * FeedPublisher makes alerts live exactly the way the worker does, through the shared {@link FeedAppend} script, so
 * every message carries the feed id a reconnecting page asks from.
 */
final class FeedPublisher implements AutoCloseable {
    private static final FeedAppend.Bounds BOUNDS = new FeedAppend.Bounds(10_000, 32L << 20, 3600);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final JsonMapper json = JsonMapper.createDefault();
    // each run's alerts are new alerts: the script publishes an alert id once, so a second run must not reuse its keys
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    FeedPublisher(URI redisUri, String prefix) {
        this.client = RedisClient.create(redisUri.toString());
        this.connection = client.connect();
        this.redis = connection.sync();
        this.keys = new RedisKeys(prefix);
    }

    /** Publishes alert number {@code n}; returns its feed id. */
    String publish(long n) throws IOException {
        AlertMessage alert = new AlertMessage(
                n,
                n,
                1L,
                null,
                "bench",
                "Socket load",
                "push",
                "Load alert " + n,
                "Alert " + n + " of the realtime load run",
                "warning",
                Map.of("run", "socket-load"),
                false,
                Instant.now(),
                AlertMessage.OPEN,
                null,
                null,
                null,
                null);
        String message =
                json.writeValueAsString(new LiveMessage<>(LiveMessage.ALERT, FeedAppend.ID_PLACEHOLDER, alert));
        return FeedAppend.run(redis, keys, keys.prefix() + "published:bench:" + run + ":" + n, message, BOUNDS);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
