package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Json;
import io.lettuce.core.XAddArgs;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * AlertPublisher makes a stored alert live: it appends it to the capped catch-up feed, then publishes it, with the
 * feed entry id, on the live channel that every realtime replica subscribes to.
 */
@Singleton
final class AlertPublisher {
    private final SharedRedis redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final long feedLength;

    AlertPublisher(SharedRedis redis, RedisKeys keys, JsonMapper json, @Value("${opscenter.feed.max-length:10000}") long feedLength) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.feedLength = feedLength;
    }

    /** Publishes the alert; returns its feed id. Throws if Redis cannot be reached. */
    String publish(AlertMessage alert) {
        // the feed entry's own id is the message id; a reader of the feed puts it back into the message it forwards
        String feedId = redis.sync().xadd(keys.feed(), XAddArgs.Builder.maxlen(feedLength).approximateTrimming(),
                Map.of(RedisKeys.MESSAGE_FIELD, Json.write(json, new LiveMessage<>(LiveMessage.ALERT, null, alert))));
        redis.sync().publish(keys.liveChannel(), Json.write(json, new LiveMessage<>(LiveMessage.ALERT, feedId, alert)));
        return feedId;
    }
}
