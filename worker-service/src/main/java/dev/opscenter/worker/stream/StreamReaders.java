package dev.opscenter.worker.stream;

import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.redis.RedisKeys;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StreamReaders are one replica's consumers in a consumer group: one thread and one Redis connection each. Each read
 * (up to batch-size entries) goes to the handler as one batch. They also claim entries that consumers which died read
 * but never acknowledged (XAUTOCLAIM), and hand those over in batches the same way. On stop each reader finishes the
 * batch in hand. The events stream and the notifications stream each get their own.
 *
 * <p>A replica's readers take turns to read. With a linger, the reader whose read came back short (the stream had
 * less than a batch) waits that long, still holding the turn, and tops the batch up with what arrived meanwhile. At
 * a moderate rate, readers blocked side by side would otherwise each wake for a single entry, and every batch pays
 * the same round trips and commits whatever its size; under a backlog reads come back full and nobody lingers.
 *
 * <p>Whatever a batch throws (a StackOverflowError included) fails that batch only: its unacknowledged entries stay
 * pending and are claimed again after the claim-idle time, as the entries of a crashed consumer would be; the thread
 * reads on. A thread that ends anyway is noticed by {@link ConsumerLiveness}.
 */
public final class StreamReaders {
    private static final Logger LOG = LoggerFactory.getLogger(StreamReaders.class);

    /**
     * Handles the entries of one read, in stream order: acknowledges those whose outcome is durable, throws to leave
     * the unacknowledged ones for a later claim.
     */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(RedisCommands<String, String> redis, List<StreamMessage<String, String>> entries);
    }

    /** Handles one entry; acknowledges it when its outcome is durable, throws to leave it for a later claim. */
    @FunctionalInterface
    public interface EntryHandler {
        void handle(RedisCommands<String, String> redis, StreamMessage<String, String> entry);
    }

    /** Handles the row whose id an entry carries; throws to leave the entry for a later claim. */
    @FunctionalInterface
    public interface RowHandler {
        void handle(RedisCommands<String, String> redis, long rowId);
    }

    /**
     * An entry handler for the streams whose entries name a row (notifications, deliveries): it reads the id from
     * {@link RedisKeys#EVENT_ID_FIELD}, hands it over and acknowledges the entry once the handler returned. An entry
     * without a valid id is acknowledged and dropped, with an error logged. While the row is handled, every log line
     * carries its id as the structured field {@code logField} ({@link LogFields}).
     */
    public static EntryHandler eachRow(String stream, String group, String logField, RowHandler handler) {
        return (redis, entry) -> {
            long id;
            try {
                id = Long.parseLong(entry.getBody().get(RedisKeys.EVENT_ID_FIELD));
            } catch (RuntimeException e) {
                LOG.error("dropping malformed entry {} of {}: {}", entry.getId(), stream, entry.getBody());
                redis.xack(stream, group, entry.getId());
                return;
            }
            try (LogFields fields = LogFields.with(logField, id)) {
                handler.handle(redis, id);
            }
            redis.xack(stream, group, entry.getId());
        };
    }

    /**
     * A batch handler that takes the entries one at a time: whatever one entry throws leaves that entry pending and
     * the others are still handled; then the batch counts as failed, so its reader pauses as for any failure.
     */
    public static BatchHandler eachAlone(EntryHandler handler) {
        return (redis, entries) -> {
            int failed = 0;
            for (StreamMessage<String, String> entry : entries) {
                try {
                    handler.handle(redis, entry);
                } catch (Throwable failure) { // NOPMD: an Error of one entry (StackOverflowError) must not end the
                    // consumer
                    rethrowThreadDeath(failure);
                    LOG.warn("entry {} failed, left pending for a later claim: {}", entry.getId(), failure.toString());
                    LOG.debug("entry failure", failure);
                    failed++;
                }
            }
            if (failed > 0) {
                throw new IllegalStateException(failed + " of " + entries.size() + " entries failed");
            }
        };
    }

    /**
     * What to read and how.
     *
     * @param forgetAfter consumers idle this long with nothing pending are removed from the group (replicas come and go
     *                    with their own names; without this the group lists every one that ever ran)
     * @param linger      how long a short read waits to be topped up before its batch is handled; zero never waits
     */
    public record Spec(
            String stream,
            String group,
            int concurrency,
            int batchSize,
            Duration block,
            Duration claimIdle,
            String heartbeatKey,
            Duration forgetAfter,
            Duration linger) {}

    private final RedisClient client;
    private final Spec spec;
    private final BatchHandler handler;
    private final Clock clock;
    private final String instance;
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ReentrantLock readTurn = new ReentrantLock(true);
    private volatile boolean running;

    public StreamReaders(RedisClient client, Spec spec, BatchHandler handler, Clock clock) {
        this.client = client;
        this.spec = spec;
        this.handler = handler;
        this.clock = clock;
        this.instance = hostName() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Reader threads started and not yet stopped. */
    public int expected() {
        return running ? threads.size() : 0;
    }

    /** Reader threads still alive while reading is meant to go on. */
    public int alive() {
        return running ? (int) threads.stream().filter(Thread::isAlive).count() : 0;
    }

    /** Starts the reader threads. */
    public void start(String threadPrefix) {
        running = true;
        for (int i = 0; i < spec.concurrency(); i++) {
            String consumer = instance + "-" + i;
            Thread thread = new Thread(() -> read(consumer), threadPrefix + "-" + i);
            // said once, loudly; ConsumerLiveness then reports the worker DOWN
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error(
                    "consumer thread {} ended: {}", t.getName(), e.getClass().getName()));
            thread.start();
            threads.add(thread);
        }
        LOG.info("{} consumers reading {} as group {}", spec.concurrency(), spec.stream(), spec.group());
    }

    /** Stops reading; waits for the batches in hand. */
    public void stop() throws InterruptedException {
        running = false;
        stopping.countDown();
        for (Thread thread : threads) {
            thread.join(spec.block().plusSeconds(20).toMillis());
        }
    }

    /** Takes over entries another (dead) consumer read but never acknowledged; call it periodically. */
    public void claimAbandoned(RedisCommands<String, String> redis) {
        if (!running) {
            return;
        }
        String consumer = instance + "-claimer";
        try {
            String cursor = "0-0";
            do {
                ClaimedMessages<String, String> claimed = redis.xautoclaim(
                        spec.stream(),
                        XAutoClaimArgs.Builder.xautoclaim(
                                        Consumer.from(spec.group(), consumer), spec.claimIdle(), cursor)
                                .count(spec.batchSize()));
                List<StreamMessage<String, String>> entries = claimed.getMessages();
                if (!entries.isEmpty()) {
                    LOG.info(
                            "claimed {} abandoned entries of {}: {}",
                            entries.size(),
                            spec.stream(),
                            entries.stream()
                                    .map(e -> e.getId() + " " + e.getBody())
                                    .toList());
                    handleIsolated(redis, entries);
                }
                cursor = claimed.getId();
            } while (running && !"0-0".equals(cursor));
            forgetIdleConsumers(redis);
        } catch (RuntimeException e) {
            LOG.warn("claiming abandoned entries of {} failed: {}", spec.stream(), e.toString());
        }
    }

    /** Removes consumers long gone: idle past {@code forgetAfter} and holding nothing (what they held was claimed first). */
    private void forgetIdleConsumers(RedisCommands<String, String> redis) {
        for (Object info : redis.xinfoConsumers(spec.stream(), spec.group())) {
            List<?> fields = (List<?>) info;
            String name = String.valueOf(fields.get(fields.indexOf("name") + 1));
            long pending = ((Number) fields.get(fields.indexOf("pending") + 1)).longValue();
            long idle = ((Number) fields.get(fields.indexOf("idle") + 1)).longValue();
            if (pending == 0 && idle >= spec.forgetAfter().toMillis() && !name.startsWith(instance)) {
                redis.xgroupDelconsumer(spec.stream(), Consumer.from(spec.group(), name));
                if (spec.heartbeatKey() != null) {
                    redis.hdel(spec.heartbeatKey(), name);
                }
                LOG.info("forgot consumer {} of {} (idle {} s)", name, spec.stream(), idle / 1000);
            }
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
                List<StreamMessage<String, String>> batch = readTurn(redis, Consumer.from(spec.group(), consumer));
                if (spec.heartbeatKey() != null) {
                    redis.hset(spec.heartbeatKey(), consumer, Long.toString(clock.millis()));
                }
                if (!batch.isEmpty() && !handleIsolated(redis, batch)) {
                    pause(Duration.ofSeconds(1)); // PostgreSQL down fails every batch: do not race through the stream
                }
            } catch (Throwable e) { // NOPMD: nothing may end a reader thread but stop()
                rethrowThreadDeath(e);
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    groupReady = false; // the stream or group was deleted (Redis flushed): recreate it
                }
                LOG.warn("consumer {} paused: {}", consumer, e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
        if (connection != null) {
            if (spec.heartbeatKey() != null) {
                try {
                    connection.sync().hdel(spec.heartbeatKey(), consumer);
                } catch (RuntimeException e) {
                    LOG.debug("heartbeat not removed: {}", e.toString());
                }
            }
            connection.close();
        }
    }

    /** One read, in this reader's turn: up to a batch, topped up after the linger when it came back short. */
    private List<StreamMessage<String, String>> readTurn(RedisCommands<String, String> redis, Consumer<String> consumer)
            throws InterruptedException {
        readTurn.lockInterruptibly();
        try {
            if (!running) {
                return List.of();
            }
            List<StreamMessage<String, String>> batch = redis.xreadgroup(
                    consumer,
                    XReadArgs.Builder.block(spec.block()).count(spec.batchSize()),
                    XReadArgs.StreamOffset.lastConsumed(spec.stream()));
            if (batch.isEmpty()
                    || batch.size() >= spec.batchSize()
                    || spec.linger().isZero()
                    || stopping.await(spec.linger().toNanos(), TimeUnit.NANOSECONDS)) {
                return batch;
            }
            List<StreamMessage<String, String>> more = redis.xreadgroup(
                    consumer,
                    XReadArgs.Builder.count(spec.batchSize() - batch.size()),
                    XReadArgs.StreamOffset.lastConsumed(spec.stream()));
            if (more.isEmpty()) {
                return batch;
            }
            List<StreamMessage<String, String>> all = new ArrayList<>(batch.size() + more.size());
            all.addAll(batch);
            all.addAll(more);
            return all;
        } finally {
            readTurn.unlock();
        }
    }

    /**
     * Hands the batch to the handler; true when it returned. Any Throwable is this batch's failure, never the
     * thread's: what it did not acknowledge stays pending for a later claim, which counts the attempt.
     */
    private boolean handleIsolated(RedisCommands<String, String> redis, List<StreamMessage<String, String>> entries) {
        try {
            handler.handle(redis, entries);
            return true;
        } catch (Throwable failure) { // NOPMD: an Error met in one batch (StackOverflowError) must not end the consumer
            rethrowThreadDeath(failure);
            LOG.warn(
                    "batch of {} entries of {} ({} to {}) failed, unacknowledged ones left pending for a later claim: {}",
                    entries.size(),
                    spec.stream(),
                    entries.get(0).getId(),
                    entries.get(entries.size() - 1).getId(),
                    failure.toString());
            LOG.debug("batch failure", failure);
            return false;
        }
    }

    /** A thread being stopped must end (Thread.stop's contract), even here. */
    @SuppressWarnings("removal")
    private static void rethrowThreadDeath(Throwable failure) {
        if (failure instanceof ThreadDeath death) {
            throw death;
        }
    }

    private void ensureGroup(RedisCommands<String, String> redis) {
        try {
            // from the start of the stream: entries added before any consumer existed are handled too
            redis.xgroupCreate(
                    XReadArgs.StreamOffset.from(spec.stream(), "0"), spec.group(), XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
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
