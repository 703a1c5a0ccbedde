package dev.opscenter.realtime.fanout;

import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.trace.StreamTrace;
import dev.opscenter.realtime.catchup.FeedEntry;
import dev.opscenter.realtime.catchup.FeedId;
import dev.opscenter.realtime.catchup.RecentFeed;
import dev.opscenter.realtime.socket.Audience;
import dev.opscenter.realtime.socket.Frame;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateAdapter;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LiveSubscription is this instance's single subscription to the live channel, made at startup before the server
 * accepts sockets (a Redis that cannot be reached then fails the start). Each message is forwarded as received.
 * After a lost connection Lettuce reconnects and subscribes again; whatever was published in between is lost to
 * pub/sub, so every page is told to resync. Each feed entry received is also kept in the {@link RecentFeed} tail
 * that reconnecting sockets are caught up from.
 */
@Context
final class LiveSubscription extends RedisPubSubAdapter<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSubscription.class);

    private final Audience audience;
    private final RecentFeed recent;
    private final JsonMapper json;
    private final StreamTrace trace;
    private final Counter received;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final AtomicBoolean subscribedBefore = new AtomicBoolean();

    LiveSubscription(
            RedisClient client,
            DefaultRedisConfiguration redis,
            RedisKeys keys,
            Audience audience,
            RecentFeed recent,
            JsonMapper json,
            MeterRegistry registry,
            StreamTrace trace) {
        this.trace = trace;
        this.audience = audience;
        this.recent = recent;
        this.json = json;
        this.received = Counter.builder("opscenter.realtime.messages.received")
                .description("Messages received on the live channel")
                .register(registry);
        // named so operators (and tests) can tell this connection apart in CLIENT LIST; a name in the URI is given
        // again on every reconnect, where CLIENT SETNAME would be lost with the first connection
        RedisURI named = RedisURI.builder(redis.getUri().orElse(redis))
                .withClientName(keys.prefix() + "realtime")
                .build();
        this.connection = client.connectPubSub(named);
        connection.addListener(this);
        client.addListener(new RedisConnectionStateAdapter() {
            @Override
            @SuppressWarnings("ReferenceEquality") // which connection dropped: this one, by identity
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (handler == connection) {
                    // what is published until the subscription is back never reaches the tail
                    recent.clear();
                }
            }
        });
        connection.sync().subscribe(keys.liveChannel());
        LOG.info("Subscribed to {}", keys.liveChannel());
    }

    @Override
    public void message(String channel, String message) {
        received.increment();
        Envelope envelope = envelopeOf(message);
        Span span = trace.start("send live frame", SpanKind.CONSUMER, envelope == null ? null : envelope.traceparent());
        try (LogFields fields = LogFields.with(LogFields.FEED_ID, envelope == null ? null : envelope.id())) {
            Frame frame = frameOf(message, envelope);
            if (frame.feedId() != null) {
                // before the broadcast: a socket joining now finds the entry in the tail, or receives it live
                recent.append(new FeedEntry(frame.feedId(), message));
            }
            audience.broadcast(frame);
            LOG.debug("live {} message broadcast", envelope == null ? "opaque" : envelope.type());
        } finally {
            span.end();
        }
    }

    @Override
    public void subscribed(String channel, long count) {
        if (subscribedBefore.getAndSet(true)) {
            LOG.warn("Subscribed to {} again after a lost connection; asking every page to resync", channel);
            recent.clear();
            audience.broadcast(Frame.RESYNC);
        }
    }

    /** Whether the subscription's connection is open (Lettuce subscribes again by itself after reconnecting). */
    boolean isOpen() {
        return connection.isOpen();
    }

    @PreDestroy
    void close() {
        connection.close();
    }

    /** The message's envelope; null when it is not a JSON object this service can read. */
    @Nullable
    private Envelope envelopeOf(String message) {
        try {
            return json.readValue(message, Envelope.class);
        } catch (IOException | RuntimeException e) {
            // still forwarded, on its own: the page may understand it even if this service cannot read it
            LOG.warn("Live message that is not a JSON object: {}", e.toString());
            return null;
        }
    }

    private static Frame frameOf(String message, @Nullable Envelope envelope) {
        if (envelope == null || !message.startsWith("{") || !message.endsWith("}")) {
            return Frame.opaque(message); // only whole objects go inside a batch, so a batch stays valid JSON
        }
        return Frame.live(
                message,
                envelope.id() == null ? null : FeedId.parse(envelope.id()).orElse(null));
    }
}
