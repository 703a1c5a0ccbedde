package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Json;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AlertStates tells every open console that an alert moved through triage: {@code {"type":"alert_state","data":<alert>}}
 * on the live channel, which realtime forwards to each socket. Not in the catch-up feed; a Redis failure is only logged
 * (the state is in PostgreSQL and a console reloads its list when it reconnects).
 */
@Singleton
final class AlertStates {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStates.class);

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    AlertStates(SharedRedis redis, RedisKeys keys, JsonMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    void publish(AlertMessage alert) {
        try {
            redis.sync()
                    .publish(
                            keys.liveChannel(),
                            Json.write(json, new LiveMessage<>(LiveMessage.ALERT_STATE, null, alert)));
        } catch (RuntimeException e) {
            LOG.debug("alert {} state not published: {}", alert.id(), e.toString());
        }
    }
}
