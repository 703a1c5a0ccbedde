package dev.opscenter.ingress.event;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.GroupCommit;
import dev.opscenter.common.sql.Params;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * EventRecorder stores a verified webhook or a triggered event as a pending event, once per (origin, delivery id), and
 * says what that came to ({@link Recorded}). When it returns the row is committed: that is what a 2xx promises.
 *
 * <p>Concurrent events share commits ({@link GroupCommit}): the rows waiting when a committer is free are inserted
 * in one transaction, one WAL flush for all of them. A row PostgreSQL refuses (its JSON parser) would abort the
 * whole transaction, so then each row of that batch is stored alone and only the bad one is {@link
 * Recorded.UnstorableJson}. A failing database is an exception, for every caller of the batch.
 */
@Singleton
public final class EventRecorder {
    /** The columns each event fills; {@link #fields} names its values after them. */
    private static final String COLUMNS = """
            source_id, event_source_id, api_key_id, event_type, delivery_id, raw_body, body_sha256, payload, body_is_json,
            content_type, headers, signature, client_ip""";

    /**
     * Row {@code n} of a multi-row insert once {@code #} is replaced by {@code n}: the event's values, named with the
     * suffix {@code _n} (see {@link #fields}), and its position in the batch.
     */
    private static final String ROW = """
            (:source_id_#::bigint, :event_source_id_#::bigint, :api_key_id_#::bigint, :event_type_#, :delivery_id_#, \
            :raw_body_#::bytea, :body_sha256_#::bytea, :payload_#::jsonb, :body_is_json_#::boolean, :content_type_#, :headers_#::jsonb, \
            :signature_#, :client_ip_#, #)""";

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final ReplayGuard replays;
    private final Duration sweepAge;
    private final GroupCommit<IncomingEvent, Stored> commits;

    /** What storing one event came to, for its own caller. */
    private sealed interface Stored {
        record Done(Recorded recorded) implements Stored {}

        record Failed(RuntimeException error) implements Stored {}
    }

    EventRecorder(
            Database db,
            TransactionOperations<Connection> tx,
            ReplayGuard replays,
            MeterRegistry meters,
            @Value("${opscenter.sweeper.pending-age}") Duration sweepAge,
            @Value("${opscenter.ingest.commit-threads}") int committers,
            @Value("${opscenter.ingest.max-batch}") int maxBatch) {
        this.db = db;
        this.tx = tx;
        this.replays = replays;
        this.sweepAge = sweepAge;
        DistributionSummary sizes = DistributionSummary.builder("opscenter.ingest.commit.batch")
                .description("Events stored per commit")
                .baseUnit("events")
                .register(meters);
        this.commits = new GroupCommit<>("ingest-commit", committers, maxBatch, this::storeBatch, sizes::record);
    }

    /**
     * Stores the event unless it repeats one stored before; returns once its row (or the first one's) is committed.
     * Throws when the database fails.
     */
    public Recorded record(IncomingEvent event) {
        if (event.unstorableJson()) {
            return new Recorded.UnstorableJson();
        }
        Optional<Long> replayed = replays.firstOf(event);
        if (replayed.isPresent()) {
            return new Recorded.Duplicate(replayed.get());
        }
        return outcome(commits.store(event));
    }

    /**
     * Stores an event that keeps no replay window (nothing to look up first); the result completes on a committer
     * thread once its row (or the first one's) is committed, or with the database's failure.
     */
    public CompletableFuture<Recorded> recordAsync(IncomingEvent event) {
        if (!event.replayWindow().isZero()) {
            throw new IllegalArgumentException("an event with a replay window is recorded with record()");
        }
        if (event.unstorableJson()) {
            return CompletableFuture.completedFuture(new Recorded.UnstorableJson());
        }
        return commits.submit(event).thenApply(EventRecorder::outcome);
    }

    /** What storing came to for its caller: the outcome, or the failure thrown. */
    private static Recorded outcome(Stored stored) {
        return switch (stored) {
            case Stored.Done done -> done.recorded();
            case Stored.Failed failed -> throw failed.error();
        };
    }

    @PreDestroy
    void close() {
        commits.close();
    }

    private List<Stored> storeBatch(List<IncomingEvent> batch) {
        if (batch.size() == 1) {
            return List.of(storeAlone(batch.get(0)));
        }
        try {
            return tx.executeWrite(status -> insertAll(batch)).stream()
                    .<Stored>map(Stored.Done::new)
                    .toList();
        } catch (DataAccessException e) {
            if (!refusedData(e)) {
                throw e; // PostgreSQL unreachable or failing: every caller of the batch gets it, as if alone
            }
            return batch.stream().map(this::storeAlone).toList();
        }
    }

    private Stored storeAlone(IncomingEvent event) {
        try {
            return new Stored.Done(insert(event));
        } catch (DataAccessException e) {
            // PostgreSQL's own JSON parser refused the body (trailing data, an escaped NUL, …): nothing stored
            return refusedData(e) ? new Stored.Done(new Recorded.UnstorableJson()) : new Stored.Failed(e);
        } catch (RuntimeException e) {
            return new Stored.Failed(e);
        }
    }

    /**
     * Inserts the batch in the caller's transaction: one statement for its webhooks and one for its triggered events,
     * as each origin is de-duplicated on its own unique key.
     */
    List<Recorded> insertAll(List<IncomingEvent> batch) {
        Recorded[] out = new Recorded[batch.size()];
        Map<Boolean, List<Integer>> byOrigin = IntStream.range(0, batch.size())
                .boxed()
                .collect(Collectors.partitioningBy(n -> batch.get(n).webhook()));
        for (List<Integer> positions : byOrigin.values()) {
            if (positions.isEmpty()) {
                continue;
            }
            List<Recorded> recorded =
                    insertSameOrigin(positions.stream().map(batch::get).toList());
            for (int i = 0; i < positions.size(); i++) {
                out[positions.get(i)] = recorded.get(i);
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Inserts events of one origin with one statement. Each row is given its id from the identity sequence before the
     * insert, so the rows a conflict skipped (a delivery already stored, or twice in this batch) are told apart from
     * those inserted without relying on the order of RETURNING.
     */
    private List<Recorded> insertSameOrigin(List<IncomingEvent> batch) {
        StringBuilder values = new StringBuilder();
        Params params = Params.of("sweep_age", sweepAgeSeconds());
        for (int n = 0; n < batch.size(); n++) {
            String position = Integer.toString(n);
            values.append(n == 0 ? "" : ", ").append(ROW.replace("#", position));
            fields(params, "_" + position, batch.get(n));
        }
        String sql = """
                WITH v AS MATERIALIZED (
                    SELECT nextval(pg_get_serial_sequence('webhook_events', 'id')) AS id, t.*
                      FROM (VALUES %s) AS t(%s, n)
                ), ins AS (
                    INSERT INTO webhook_events (id, %s, next_sweep_at) OVERRIDING SYSTEM VALUE
                    SELECT id, %s, now() + make_interval(secs => :sweep_age) FROM v ORDER BY n
                    ON CONFLICT %s DO NOTHING
                    RETURNING id)
                SELECT v.n, v.id, ins.id IS NOT NULL FROM v LEFT JOIN ins USING (id)""".formatted(values, COLUMNS, COLUMNS, COLUMNS, conflictTarget(batch.get(0)));
        long[] ids = new long[batch.size()];
        boolean[] inserted = new boolean[batch.size()];
        db.list(sql, params, r -> {
            int n = r.getInt(1);
            ids[n] = r.getLong(2);
            inserted[n] = r.getBoolean(3);
            return n;
        });
        List<Recorded> out = new ArrayList<>(batch.size());
        for (int n = 0; n < batch.size(); n++) {
            out.add(inserted[n] ? new Recorded.Accepted(ids[n]) : firstOf(batch.get(n)));
        }
        return out;
    }

    private Recorded insert(IncomingEvent event) {
        Optional<Long> inserted = db.one(
                """
                INSERT INTO webhook_events (%s, next_sweep_at)
                VALUES (:source_id, :event_source_id, :api_key_id, :event_type, :delivery_id, :raw_body, :body_sha256,
                        CAST(:payload AS jsonb), :body_is_json, :content_type, CAST(:headers AS jsonb), :signature, :client_ip,
                        now() + make_interval(secs => :sweep_age))
                ON CONFLICT %s DO NOTHING
                RETURNING id""".formatted(COLUMNS, conflictTarget(event)),
                fields(Params.of("sweep_age", sweepAgeSeconds()), "", event),
                Long.class);
        return inserted.<Recorded>map(Recorded.Accepted::new).orElseGet(() -> firstOf(event));
    }

    /** Adds the event's values to the parameters, named as the {@link #COLUMNS} they fill followed by the suffix. */
    private static Params fields(Params params, String suffix, IncomingEvent e) {
        return params.and("source_id" + suffix, e.sourceId())
                .and("event_source_id" + suffix, e.eventSourceId())
                .and("api_key_id" + suffix, e.apiKeyId())
                .and("event_type" + suffix, e.eventType())
                .and("delivery_id" + suffix, e.deliveryId())
                .and("raw_body" + suffix, e.rawBody())
                .and("body_sha256" + suffix, e.bodySha256())
                .and("payload" + suffix, e.payloadJson())
                .and("body_is_json" + suffix, e.bodyIsJson())
                .and("content_type" + suffix, e.contentType())
                .and("headers" + suffix, e.headersJson())
                .and("signature" + suffix, e.signature())
                .and("client_ip" + suffix, e.clientIp());
    }

    /** How long a stored event waits before the sweeper looks at it, in seconds. */
    private double sweepAgeSeconds() {
        return sweepAge.toMillis() / 1000.0;
    }

    /** The stored event a conflicting one repeats (committed by another transaction, or earlier in this one). */
    private Recorded firstOf(IncomingEvent event) {
        long first = db.one(
                        "SELECT id FROM webhook_events WHERE %s = :origin AND delivery_id = :delivery_id"
                                .formatted(origin(event)),
                        Params.of("origin", event.webhook() ? event.sourceId() : event.eventSourceId())
                                .and("delivery_id", event.deliveryId()),
                        Long.class)
                .orElseThrow(() -> new IllegalStateException("conflicting delivery vanished: " + event.deliveryId()));
        return new Recorded.Duplicate(first);
    }

    /**
     * The unique key a repeat of the event conflicts on, as ON CONFLICT names it: its origin with delivery_id, among
     * the rows of that origin. The predicate lets PostgreSQL use a unique index that leaves the other origin's rows out
     * (V27's for triggered events) as well as a unique constraint over all rows.
     */
    private static String conflictTarget(IncomingEvent event) {
        return "(%1$s, delivery_id) WHERE %1$s IS NOT NULL".formatted(origin(event));
    }

    /** The column naming the event's origin: with delivery_id, the unique key its repeats conflict on. */
    private static String origin(IncomingEvent event) {
        return event.webhook() ? "source_id" : "event_source_id";
    }

    /** A data exception (SQLSTATE class 22): PostgreSQL refused a value of the row, not the request as a whole. */
    private static boolean refusedData(DataAccessException e) {
        return e.getCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22");
    }
}
