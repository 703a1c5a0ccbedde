package dev.opscenter.worker.notify;

import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.common.vocabulary.NotificationStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StatusPublisher pushes each notification status change to the live channel as {@code {"type":"notification"}}.
 * These are not kept in the catch-up feed: a page that reconnects reloads notification lists over REST.
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

    /** The data of a notification message. */
    @Serdeable
    record Status(long id, NotificationStatus status, ChannelType channel, String recipient, int attempts, long ruleId, long eventId, Long alertId,
                  String error) {
    }

    void publish(Status status) {
        try {
            redis.sync().publish(keys.liveChannel(), Json.write(json, new LiveMessage<>("notification", null, status)));
        } catch (RuntimeException e) {
            LOG.debug("notification status not published: {}", e.toString());
        }
    }
}
