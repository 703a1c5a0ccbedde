package dev.opscenter.ingress.event;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PendingSweeper re-enqueues events that are really lost: still pending or processing past {@code next_sweep_at}
 * and with no stream entry left to carry them — never enqueued (Redis down, sender backlog full), trimmed before a
 * consumer read it, or read and acknowledged while the event stayed unfinished (its retry was lost). An event whose
 * entry is still ahead of the workers group is waiting its turn, and one read by a consumer that died is taken over by
 * the worker's XAUTOCLAIM; both are only looked at again later, so a stopped or slow worker never gets copies.
 * Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so every ingress replica can sweep; if Redis fails mid-sweep
 * the transaction rolls back and the events stay due. Each re-enqueue of an event doubles its next wait (capped at 16x).
 */
@Singleton
@Requires(property = "opscenter.sweeper.enabled", notEquals = "false")
final class PendingSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(PendingSweeper.class);

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final EventQueue queue;
    private final SharedRedis redis;
    private final RedisKeys keys;
    private final Duration age;
    private final int batchSize;

    PendingSweeper(
            Database db,
            TransactionOperations<Connection> tx,
            EventQueue queue,
            SharedRedis redis,
            RedisKeys keys,
            @Value("${opscenter.sweeper.pending-age}") Duration age,
            @Value("${opscenter.sweeper.batch-size}") int batchSize) {
        this.db = db;
        this.tx = tx;
        this.queue = queue;
        this.redis = redis;
        this.keys = keys;
        this.age = age;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelay = "${opscenter.sweeper.interval}", initialDelay = "${opscenter.sweeper.interval}")
    void run() {
        try {
            int swept = sweep();
            if (swept > 0) {
                LOG.info("re-enqueued {} lost events", swept);
            }
        } catch (RuntimeException e) {
            LOG.warn("sweep failed, will try again: {}", e.toString());
        }
    }

    /** One sweep round in one transaction; returns how many events were re-enqueued. */
    int sweep() {
        return tx.executeWrite(status -> sweepLocked());
    }

    /** A row due for a look (not private: rows are mapped to it through its introspection). */
    @Introspected
    record Due(long id, String entry, Instant nextSweepAt) {}

    private int sweepLocked() {
        List<Due> due = db.list("""
                SELECT e.id, x.stream_entry_id AS entry, e.next_sweep_at
                  FROM webhook_events e LEFT JOIN webhook_event_entries x ON x.event_id = e.id
                 WHERE e.next_sweep_at <= now() AND e.status IN ('pending', 'processing')
                 ORDER BY e.next_sweep_at
                 LIMIT :limit
                   FOR UPDATE OF e SKIP LOCKED""", Params.of("limit", batchSize), Due.class);
        if (due.isEmpty()) {
            return 0;
        }
        RedisCommands<String, String> commands = redis.sync();
        StreamPosition position = StreamPosition.read(commands, keys.events(), RedisKeys.WORKERS_GROUP);
        List<Long> lost = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        for (Due row : due) {
            StreamPosition.Fate fate = position.fate(
                    row.id(),
                    row.entry(),
                    row.nextSweepAt(),
                    entry -> !commands.xpending(
                                    keys.events(), RedisKeys.WORKERS_GROUP, Range.create(entry, entry), Limit.from(1))
                            .isEmpty(),
                    id -> commands.zscore(keys.eventRetries(), Long.toString(id)) != null);
            switch (fate) {
                case LOST -> {
                    lost.add(row.id());
                    entries.add(queue.enqueue(row.id()));
                }
                case WAITING, CLAIMABLE -> held.add(row.id());
            }
        }
        recordReEnqueued(lost, entries);
        // not lost: look again one age later, without counting a sweep (the backoff is for copies actually added)
        db.update(
                "UPDATE webhook_events SET next_sweep_at = now() + make_interval(secs => :age) WHERE id = ANY (:ids)",
                Params.of("age", ageSeconds()).and("ids", Params.bigints(held)));
        return lost.size();
    }

    /** The new entry replaces the one recorded; the next look backs off with each copy added. */
    private void recordReEnqueued(List<Long> ids, List<String> entries) {
        db.update(
                """
                WITH entry AS (
                    INSERT INTO webhook_event_entries (event_id, stream_entry_id)
                    SELECT id, entry FROM unnest(:ids, :entries) AS v(id, entry)
                    ON CONFLICT (event_id) DO UPDATE SET stream_entry_id = EXCLUDED.stream_entry_id)
                UPDATE webhook_events e
                   SET next_sweep_at = now() + make_interval(secs => :age * power(2, LEAST(e.sweeps, 4))),
                       sweeps = e.sweeps + 1
                 WHERE e.id = ANY (:ids)""",
                Params.of("age", ageSeconds()).and("ids", Params.bigints(ids)).and("entries", Params.texts(entries)));
    }

    /** The pending age in seconds, as {@code make_interval} takes it. */
    private double ageSeconds() {
        return age.toMillis() / 1000.0;
    }
}
