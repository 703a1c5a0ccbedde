package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.alert.NotificationMessage;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Json;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StatusPublisher pushes each status change of outbound work to the live channel: a notification as {@code
 * {"type":"notification"}} with the row as the REST log shows it, less its body; a relayed event's delivery as {@code
 * {"type":"delivery"}}. These are not kept in the catch-up feed: a page that reconnects reloads its lists over REST.
 */
@Singleton
public final class StatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    StatusPublisher(SharedRedis redis, RedisKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    void publish(NotificationMessage row) {
        publish(LiveMessage.NOTIFICATION, row.withoutBody());
    }

    /** Publishes {@code {"type":<type>,"data":<data>}}; a Redis failure is only logged (the row is in PostgreSQL). */
    public void publish(String type, Object data) {
        try {
            redis.sync().publish(keys.liveChannel(), Json.write(json, new LiveMessage<>(type, null, data)));
        } catch (RuntimeException e) {
            LOG.debug("{} status not published: {}", type, e.toString());
        }
    }
}
