package dev.opscenter.common.alert;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Json;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveChannel publishes a message that is not kept in the catch-up feed, {@code {"type":<type>,"data":<data>}}, on the
 * live channel, which realtime forwards to every socket: a notification's or delivery's status (worker), an alert's
 * triage (ingress). A Redis failure is only logged: what the message reports is in PostgreSQL, and a page reloads its
 * lists over REST when it reconnects.
 */
@Singleton
public final class LiveChannel {
    private static final Logger LOG = LoggerFactory.getLogger(LiveChannel.class);

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    LiveChannel(SharedRedis redis, RedisKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    /** Publishes {@code {"type":<type>,"data":<data>}}; false when Redis did not take it. */
    public boolean publish(String type, Object data) {
        try {
            redis.sync().publish(keys.liveChannel(), Json.write(json, new LiveMessage<>(type, null, data)));
            return true;
        } catch (RuntimeException e) {
            LOG.debug("{} message not published: {}", type, e.toString());
            return false;
        }
    }
}
