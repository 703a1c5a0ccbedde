package dev.opscenter.ingress.event;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.trace.StreamTrace;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventQueue puts event ids on the Redis events stream. Request paths only {@link #offer} a committed event: one
 * background sender does the XADDs, so a slow or hung Redis never holds a request thread. Whatever it cannot enqueue
 * (Redis failing, or its bounded backlog full) stays pending in PostgreSQL and the sweeper enqueues it later.
 *
 * <p>The entry id of each XADD is written on the event's row, so the sweeper can tell an event waiting its turn in the
 * stream from one whose entry is gone. It is written {@code entry-record-delay} after the append, for all appends due
 * in one statement: by then a keeping-up worker has finished nearly every event, whose row then needs no entry id
 * and is not written again. Written at once, the update raced the worker's claim for the same fresh rows (the
 * claim waited on its row locks) and rewrote every row once more. Only events still unfinished after the delay,
 * those the sweeper may one day look at, get their entry id.
 */
@Singleton
public final class EventQueue {
    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
    private static final int BATCH = 256;
    /** Put last in the backlog on shutdown: the sender stops once everything before it is sent. */
    private static final Queued STOP = new Queued(-1, null);
    /** How long shutdown lets the sender finish; a hung Redis must not hold the process. */
    private static final Duration DRAIN = Duration.ofSeconds(2);
    /** How long a batch of appends may take before the rest is left to the sweeper (Redis' own command timeout). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final SharedRedis redis;
    private final Database db;
    private final RedisKeys keys;
    private final long maxLength;
    private final BlockingQueue<Queued> backlog;
    private final StreamTrace trace;
    private final Thread sender;
    private final AtomicBoolean overflowing = new AtomicBoolean();
    private final long recordDelayNanos;
    /** Entry ids are written at most this often (half the delay, at most a second): one statement for many appends. */
    private final long recordEveryNanos;

    private long lastRecordNanos = System.nanoTime();
    /** Appends whose entry ids are not written yet, oldest first; only the sender thread touches it. */
    private final ArrayDeque<Appended> unrecorded = new ArrayDeque<>();

    /** Events appended together, and when their entry ids are to be written. */
    private record Appended(List<Long> ids, List<String> entries, long recordAtNanos) {}

    /** An event waiting for the sender, with the trace context of the request that stored it (null: tracing off). */
    private record Queued(long id, @Nullable String traceparent) {}

    EventQueue(
            SharedRedis redis,
            Database db,
            RedisKeys keys,
            @Value("${opscenter.events.stream-max-length}") long maxLength,
            @Value("${opscenter.events.enqueue-backlog}") int backlogCapacity,
            @Value("${opscenter.events.entry-record-delay}") Duration recordDelay,
            StreamTrace trace) {
        this.trace = trace;
        this.recordDelayNanos = recordDelay.toNanos();
        this.recordEveryNanos =
                Math.min(recordDelayNanos / 2, Duration.ofSeconds(1).toNanos());
        this.redis = redis;
        this.db = db;
        this.keys = keys;
        this.maxLength = maxLength;
        this.backlog = new ArrayBlockingQueue<>(backlogCapacity);
        this.sender = new Thread(this::send, "event-enqueuer");
        sender.setDaemon(true);
        sender.start();
    }

    /** Appends the event id to the stream now and returns the entry id; throws if Redis cannot be reached. */
    String enqueue(long eventId) {
        return redis.appendId(keys.events(), eventId, maxLength);
    }

    /**
     * Hands a committed event to the background sender and returns at once; the caller answers 2xx either way.
     * Returns false when the backlog is full: the event stays pending and the sweeper enqueues it.
     */
    public boolean offer(long eventId) {
        return offer(eventId, trace.current());
    }

    /** The trace context of the calling thread, for {@link #offer(long, String)} on another one. */
    public @Nullable String traceparent() {
        return trace.current();
    }

    /** {@link #offer(long)} from another thread than the request's: its trace context is the one given. */
    public boolean offer(long eventId, @Nullable String traceparent) {
        if (backlog.offer(new Queued(eventId, traceparent))) {
            overflowing.set(false);
            return true;
        }
        if (overflowing.compareAndSet(false, true)) { // one line per overflow, not one per webhook
            LOG.warn("enqueue backlog full (Redis slow or down): events from {} on are left to the sweeper", eventId);
        }
        return false;
    }

    private void send() {
        List<Queued> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            boolean stopping = false;
            try {
                Queued first = unrecorded.isEmpty()
                        ? backlog.take()
                        : backlog.poll(nextRecordNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (first == null) {
                    recordDue(false);
                    continue;
                }
                batch.add(first);
                backlog.drainTo(batch, BATCH - 1);
                int stop = batch.indexOf(STOP);
                if (stop >= 0) {
                    stopping = true;
                    batch.subList(stop, batch.size()).clear();
                }
                send(batch);
                recordDue(stopping);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) { // one failure must never stop the sender
                // Redis cannot be reached: give up on everything waiting rather than wait a command timeout per event
                int dropped = batch.size() + backlog.drainTo(new ArrayList<>());
                LOG.warn("{} stored events not enqueued ({}); the sweeper will enqueue them", dropped, e.toString());
            } finally {
                batch.clear();
            }
            if (stopping) {
                return;
            }
        }
    }

    /** Appends the batch in one round trip (pipelined XADDs) and schedules the writing of the entry ids it got. */
    private void send(List<Queued> queued) {
        if (queued.isEmpty()) {
            return;
        }
        List<Long> batch = queued.stream().map(Queued::id).toList();
        List<String> entries =
                redis.appendIds(keys.events(), batch, n -> queued.get(n).traceparent(), maxLength, COMMAND_TIMEOUT);
        if (entries.size() < batch.size()) {
            LOG.warn(
                    "{} stored events not enqueued (Redis failed mid-batch); the sweeper will enqueue them",
                    batch.size() - entries.size());
        }
        if (!entries.isEmpty()) {
            unrecorded.add(new Appended(
                    List.copyOf(batch.subList(0, entries.size())), entries, System.nanoTime() + recordDelayNanos));
        }
    }

    /** When the next write of entry ids is due; call with appends waiting to be recorded. */
    private long nextRecordNanos() {
        return Math.max(unrecorded.peekFirst().recordAtNanos(), lastRecordNanos + recordEveryNanos);
    }

    /** Writes the entry ids whose delay is over (all of them when stopping) with one statement, if it is time to. */
    private void recordDue(boolean all) {
        long now = System.nanoTime();
        if (unrecorded.isEmpty() || (!all && nextRecordNanos() - now > 0)) {
            return;
        }
        lastRecordNanos = now;
        List<Long> ids = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        while (!unrecorded.isEmpty() && (all || unrecorded.peekFirst().recordAtNanos() - now <= 0)) {
            Appended appended = unrecorded.poll();
            ids.addAll(appended.ids());
            entries.addAll(appended.entries());
        }
        recordEntries(ids, entries);
    }

    /**
     * Records the entry id of each sent event still unfinished (most are finished by now: this runs a delay after the
     * append) in {@code webhook_event_entries} (V26), unless the sweeper already gave the event a newer one. One narrow
     * insert per event: the event's own row is read by primary key (a lookup per id: as a join, PostgreSQL chose to walk
     * the status index's unfinished range, with every version vacuum had not removed yet, 13 ms per call under load)
     * but neither written nor locked, so this never waits
     * for a worker that holds it (waiting on the worker's transaction once held up every append behind it, received →
     * appended p90 2.3 s at 200 webhooks/s), and it adds no row version to the events table and its ten indexes. An
     * event the worker finishes right after the read keeps an entry id nothing reads. If PostgreSQL fails here, those
     * events look never enqueued and the sweeper adds one more entry each — a duplicate the worker processes once,
     * never a loss.
     */
    private void recordEntries(List<Long> ids, List<String> entries) {
        if (ids.isEmpty()) {
            return;
        }
        Params params = Params.of("ids", Params.bigints(ids)).and("entries", Params.texts(entries));
        try {
            db.update("""
                    INSERT INTO webhook_event_entries (event_id, stream_entry_id)
                    SELECT v.id, v.entry FROM unnest(:ids, :entries) AS v(id, entry)
                     WHERE (SELECT w.status FROM webhook_events w WHERE w.id = v.id) IN ('pending', 'processing')
                    ON CONFLICT (event_id) DO NOTHING""", params);
        } catch (RuntimeException e) {
            LOG.warn(
                    "entry ids of {} enqueued events not recorded ({}); the sweeper may enqueue them once more",
                    ids.size(),
                    e.toString());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        // a clean shutdown sends what is waiting; whatever is left is pending rows the sweeper of any replica enqueues
        backlog.offer(STOP);
        sender.join(DRAIN.toMillis());
        sender.interrupt();
    }
}
