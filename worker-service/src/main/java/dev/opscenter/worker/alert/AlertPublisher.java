package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.FeedAppend;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Json;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongFunction;

/**
 * AlertPublisher makes stored alerts live, each once, through the shared {@link FeedAppend} script: appended to the
 * bounded catch-up feed and published on the live channel that every realtime replica subscribes to, carrying its own
 * feed id. Each entry is bounded too, by {@link AlertLimits}, so no single alert can take the feed's byte budget.
 */
@Singleton
final class AlertPublisher {
    /** How long Redis remembers that an alert was published, making a republish a no-op. */
    private static final long REMEMBER_SECONDS = 7 * 24 * 3600;

    private final SharedRedis redis;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final FeedAppend.Bounds bounds;

    AlertPublisher(
            SharedRedis redis,
            RedisKeys keys,
            JsonMapper json,
            @Value("${opscenter.feed.max-length}") long feedLength,
            @Value("${opscenter.feed.max-bytes}") long feedBytes) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.bounds = new FeedAppend.Bounds(feedLength, feedBytes, REMEMBER_SECONDS);
    }

    /**
     * Publishes the alert once: publishing it again (a republish after a crash) returns the first feed id and sends
     * nothing. Returns the feed id; throws if Redis cannot be reached.
     */
    String publish(AlertMessage alert) {
        return publish(List.of(alert)).get(0);
    }

    /**
     * Publishes the alerts, each once, in the order given, in one round trip; returns their feed ids in that order.
     * Throws if Redis cannot be reached.
     */
    List<String> publish(List<AlertMessage> alerts) {
        return publish(alerts, eventId -> null);
    }

    /**
     * Publishes the alerts as {@link #publish(List)} does, each message carrying the trace context {@code traceparents}
     * gives for its event id (none when null).
     */
    List<String> publish(List<AlertMessage> alerts, LongFunction<String> traceparents) {
        List<FeedAppend.Append> appends = alerts.stream()
                .map(alert -> new FeedAppend.Append(
                        marker(alert),
                        Json.write(
                                json,
                                new LiveMessage<>(
                                        LiveMessage.ALERT,
                                        FeedAppend.ID_PLACEHOLDER,
                                        alert,
                                        traceparents.apply(alert.eventId())))))
                .toList();
        return FeedAppend.run(redis.sync(), keys, appends, bounds);
    }

    /**
     * The key that remembers the alert was published: its id and its creation time. The id alone is not enough: a
     * database restored to an earlier point hands the same ids to new alerts, whose live messages the markers of the
     * lost ones would otherwise swallow for as long as Redis remembers them.
     */
    private String marker(AlertMessage alert) {
        return keys.prefix() + "published:" + alert.id() + ":"
                + ChronoUnit.MICROS.between(Instant.EPOCH, alert.createdAt());
    }
}
