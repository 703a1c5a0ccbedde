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
 * StatusPublisher pushes each notification status change to the live channel as {@code {"type":"notification"}} with
 * the row as the REST log shows it, less its body. These are not kept in the catch-up feed: a page that reconnects
 * reloads notification lists over REST.
 */
@Singleton
final class StatusPublisher {
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
        try {
            redis.sync()
                    .publish(
                            keys.liveChannel(),
                            Json.write(json, new LiveMessage<>(LiveMessage.NOTIFICATION, null, row.withoutBody())));
        } catch (RuntimeException e) {
            LOG.debug("notification status not published: {}", e.toString());
        }
    }
}
