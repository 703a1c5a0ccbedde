package dev.opscenter.ingress.source;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SourceChanges carries "this source changed" between ingress replicas: the repository announces each write on the
 * {@link RedisKeys#sourceChanges()} channel (and to this replica at once), and every replica hears the others'. On
 * (re)subscribing, listeners hear {@link #EVERYTHING}, since changes made while a replica could not hear were missed.
 */
@Singleton
public final class SourceChanges {
    /** What listeners hear when every source may have changed. */
    public static final String EVERYTHING = "*";

    private static final Logger LOG = LoggerFactory.getLogger(SourceChanges.class);

    private final SharedRedis redis;
    private final RedisClient client;
    private final RedisKeys keys;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile StatefulRedisPubSubConnection<String, String> subscription;

    SourceChanges(SharedRedis redis, RedisClient client, RedisKeys keys) {
        this.redis = redis;
        this.client = client;
        this.keys = keys;
    }

    /** Hears the slug of every changed source, this replica's own changes included. */
    void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Tells this replica at once and the others through Redis that the source with this slug changed. */
    void announce(String slug) {
        tell(slug);
        try {
            redis.sync().publish(keys.sourceChanges(), slug);
        } catch (RuntimeException e) {
            // the others read the database while they cannot hear Redis, and hear EVERYTHING when they can again
            LOG.warn("Could not announce the change of source '{}' to other replicas: {}", slug, e.toString());
        }
    }

    /** Whether changes by other replicas reach this one now. */
    boolean hearing() {
        StatefulRedisPubSubConnection<String, String> connection = subscription;
        return connection != null && connection.isOpen();
    }

    /** Subscribes when not subscribed yet (Redis was down at start); Lettuce resubscribes by itself after that. */
    @Scheduled(fixedDelay = "5s", initialDelay = "0s")
    void subscribe() {
        if (subscription != null) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String slug) {
                    tell(slug);
                }

                @Override
                public void subscribed(String channel, long count) {
                    tell(EVERYTHING);
                }
            });
            connection.sync().subscribe(keys.sourceChanges());
            subscription = connection;
        } catch (RuntimeException e) {
            LOG.warn(
                    "Source changes cannot be heard yet ({}); sources are read from the database meanwhile",
                    e.toString());
        }
    }

    @PreDestroy
    void close() {
        StatefulRedisPubSubConnection<String, String> connection = subscription;
        if (connection != null) {
            connection.close();
        }
    }

    private void tell(String slug) {
        listeners.forEach(listener -> listener.accept(slug));
    }
}
