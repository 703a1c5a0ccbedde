package dev.opscenter.realtime;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AlertPublisher does in tests what the worker does for each alert: append the live message to the feed stream,
 * then publish the same JSON on the live channel. Ids are chosen here so the JSON can carry its own feed id.
 */
public final class AlertPublisher {
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final long millis = System.currentTimeMillis();
    private final AtomicLong sequence = new AtomicLong();

    public AlertPublisher(StatefulRedisConnection<String, String> connection, RedisKeys keys, JsonMapper json) {
        this.redis = connection.sync();
        this.keys = keys;
        this.json = json;
    }

    /** One published live message. */
    public record Published(String id, String json) {}

    /** Appends to the feed, then publishes. */
    public Published publish(String title) {
        Published published = appendOnly(title);
        redis.publish(keys.liveChannel(), published.json());
        return published;
    }

    /** Appends to the feed only, as entries written before this instance subscribed look to it. */
    public Published appendOnly(String title) {
        String id = millis + "-" + sequence.incrementAndGet();
        String message = message(id, title);
        redis.xadd(
                keys.feed(),
                new XAddArgs().id(id).maxlen(10_000).approximateTrimming(),
                Map.of(RedisKeys.MESSAGE_FIELD, message));
        return new Published(id, message);
    }

    /** Publishes on the live channel only, as pub/sub sees it, without touching the feed. */
    public void publishOnly(String text) {
        redis.publish(keys.liveChannel(), text);
    }

    private String message(String id, String title) {
        AlertMessage alert = new AlertMessage(
                sequence.get(),
                1,
                1L,
                null,
                "github",
                "GitHub",
                "push",
                title,
                title + " happened",
                "warning",
                Map.of(),
                false,
                Instant.parse("2024-05-01T10:00:00Z"),
                AlertMessage.OPEN,
                null,
                null,
                null,
                null);
        try {
            return json.writeValueAsString(new LiveMessage<>(LiveMessage.ALERT, id, alert));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
