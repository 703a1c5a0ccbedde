package dev.opscenter.worker.stream;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventConsumers are this replica's readers in the {@code workers} consumer group of the events stream: one thread
 * and one Redis connection per configured consumer. They also claim entries left unacknowledged by consumers that
 * died (XAUTOCLAIM). On shutdown each reader finishes the entry in hand, then stops.
 */
@Singleton
@Requires(property = "opscenter.worker.enabled", notEquals = "false")
final class EventConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(EventConsumers.class);

    private final RedisClient client;
    private final SharedRedis shared;
    private final RedisKeys keys;
    private final WorkerSettings settings;
    private final EntryHandler handler;
    private final Clock clock;
    private final String instance;
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;

    EventConsumers(RedisClient client, SharedRedis shared, RedisKeys keys, WorkerSettings settings, EntryHandler handler, Clock clock) {
        this.client = client;
        this.shared = shared;
        this.keys = keys;
        this.settings = settings;
        this.handler = handler;
        this.clock = clock;
        this.instance = hostName() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        running = true;
        for (int i = 0; i < settings.concurrency(); i++) {
            String consumer = instance + "-" + i;
            Thread thread = new Thread(() -> read(consumer), "events-" + i);
            thread.start();
            threads.add(thread);
        }
        LOG.info("{} consumers reading {} as group {}", settings.concurrency(), keys.events(), RedisKeys.WORKERS_GROUP);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        stopping.countDown();
        for (Thread thread : threads) {
            // a read blocks for at most `block`; the entry in hand finishes
            thread.join(settings.block().plusSeconds(20).toMillis());
        }
    }

    private void read(String consumer) {
        StatefulRedisConnection<String, String> connection = null;
        boolean groupReady = false;
        while (running) {
            try {
                if (connection == null) {
                    connection = client.connect();
                }
                RedisCommands<String, String> redis = connection.sync();
                if (!groupReady) {
                    ensureGroup(redis);
                    groupReady = true;
                }
                List<StreamMessage<String, String>> batch = redis.xreadgroup(Consumer.from(RedisKeys.WORKERS_GROUP, consumer),
                        XReadArgs.Builder.block(settings.block()).count(settings.batchSize()),
                        XReadArgs.StreamOffset.lastConsumed(keys.events()));
                redis.hset(keys.workerHeartbeats(), consumer, Long.toString(clock.millis()));
                for (StreamMessage<String, String> entry : batch) {
                    handler.handle(redis, entry);
                }
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    groupReady = false; // the stream or group was deleted (Redis flushed): recreate it
                }
                LOG.warn("consumer {} paused: {}", consumer, e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
        if (connection != null) {
            try {
                connection.sync().hdel(keys.workerHeartbeats(), consumer);
            } catch (RuntimeException e) {
                LOG.debug("heartbeat not removed: {}", e.toString());
            }
            connection.close();
        }
    }

    /** Takes over entries that another (dead) consumer read but never acknowledged. */
    @Scheduled(fixedDelay = "${opscenter.worker.claim-interval:15s}", initialDelay = "${opscenter.worker.claim-interval:15s}")
    void claimAbandoned() {
        if (!running) {
            return;
        }
        String consumer = instance + "-claimer";
        try {
            RedisCommands<String, String> redis = shared.sync();
            String cursor = "0-0";
            do {
                ClaimedMessages<String, String> claimed = redis.xautoclaim(keys.events(), XAutoClaimArgs.Builder
                        .xautoclaim(Consumer.from(RedisKeys.WORKERS_GROUP, consumer), settings.claimIdle(), cursor).count(50));
                for (StreamMessage<String, String> entry : claimed.getMessages()) {
                    LOG.info("claimed abandoned entry {} ({})", entry.getId(), entry.getBody());
                    handler.handle(redis, entry);
                }
                cursor = claimed.getId();
            } while (running && !"0-0".equals(cursor));
        } catch (RuntimeException e) {
            LOG.warn("claiming abandoned entries failed: {}", e.toString());
        }
    }

    private void ensureGroup(RedisCommands<String, String> redis) {
        try {
            // from the start of the stream: entries added before any worker existed are processed too
            redis.xgroupCreate(XReadArgs.StreamOffset.from(keys.events(), "0"), RedisKeys.WORKERS_GROUP,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
            // another consumer created it first
        }
    }

    private void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "worker";
        }
    }
}
