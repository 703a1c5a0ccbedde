package dev.opscenter.ingress.event;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.GroupCommit;
import dev.opscenter.ingress.verify.ReplayGuard;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EventRecorder stores a verified webhook as a pending event, once per (source, delivery id). When it returns the
 * row is committed: that is what a 2xx to the provider promises.
 *
 * <p>Concurrent webhooks share commits ({@link GroupCommit}): the rows waiting when a committer is free are inserted
 * in one transaction, one WAL flush for all of them. A row PostgreSQL refuses (its JSON parser) would abort the
 * whole transaction, so then each row of that batch is stored alone and only the bad one's sender gets the error.
 */
@Singleton
final class EventRecorder {
    /** The columns each webhook fills, in the order {@link #bind} binds them. */
    private static final String COLUMNS = """
            source_id, event_type, delivery_id, raw_body, body_sha256, payload, content_type, headers, signature,
            client_ip""";
    private static final String ROW = "(?::bigint, ?, ?, ?::bytea, ?::bytea, ?::jsonb, ?, ?::jsonb, ?, ?, %d)";
    private static final int FIELDS = 10;

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final Duration sweepAge;
    private final GroupCommit<IncomingWebhook, Stored> commits;

    /** What storing one webhook came to, for its own caller. */
    private sealed interface Stored {
        record Done(Recorded recorded) implements Stored {
        }

        record Failed(RuntimeException error) implements Stored {
        }
    }

    EventRecorder(Database db, TransactionOperations<Connection> tx, MeterRegistry meters,
                  @Value("${opscenter.sweeper.pending-age:30s}") Duration sweepAge,
                  @Value("${opscenter.ingest.commit-threads:4}") int committers,
                  @Value("${opscenter.ingest.max-batch:64}") int maxBatch) {
        this.db = db;
        this.tx = tx;
        this.sweepAge = sweepAge;
        DistributionSummary sizes = DistributionSummary.builder("opscenter.ingest.commit.batch")
                .description("Webhooks stored per commit").baseUnit("events").register(meters);
        this.commits = new GroupCommit<>("ingest-commit", committers, maxBatch, this::storeBatch, sizes::record);
    }

    /** Stores the webhook; returns once its row (or the first delivery's) is committed. */
    Recorded record(IncomingWebhook w) {
        Stored stored = commits.store(w);
        if (stored instanceof Stored.Failed failed) {
            throw failed.error();
        }
        return ((Stored.Done) stored).recorded();
    }

    @PreDestroy
    void close() {
        commits.close();
    }

    private List<Stored> storeBatch(List<IncomingWebhook> batch) {
        if (batch.size() == 1) {
            return List.of(storeAlone(batch.get(0)));
        }
        try {
            return tx.executeWrite(status -> insertAll(batch)).stream().<Stored>map(Stored.Done::new).toList();
        } catch (DataAccessException e) {
            if (!refusedData(e)) {
                throw e; // PostgreSQL unreachable or failing: every caller of the batch gets it, as if alone
            }
            return batch.stream().map(this::storeAlone).toList();
        }
    }

    private Stored storeAlone(IncomingWebhook w) {
        try {
            return new Stored.Done(insert(w));
        } catch (DataAccessException e) {
            if (refusedData(e)) {
                // PostgreSQL's own JSON parser refused the body (trailing data, \u0000, …): the client's fault, nothing stored
                return new Stored.Failed(new ProblemException(HttpStatus.BAD_REQUEST, "Invalid JSON",
                        "the body is JSON the database cannot store (e.g. a \\u0000 escape)"));
            }
            return new Stored.Failed(e);
        } catch (RuntimeException e) {
            return new Stored.Failed(e);
        }
    }

    /**
     * Inserts the whole batch with one statement. Each row is given its id from the identity sequence before the
     * insert, so the rows a conflict skipped (a delivery already stored, or twice in this batch) are told apart from
     * those inserted without relying on the order of RETURNING. Runs in the caller's transaction.
     */
    List<Recorded> insertAll(List<IncomingWebhook> batch) {
        StringBuilder values = new StringBuilder();
        for (int n = 0; n < batch.size(); n++) {
            values.append(n == 0 ? "" : ", ").append(ROW.formatted(n));
        }
        long[] ids = new long[batch.size()];
        boolean[] inserted = new boolean[batch.size()];
        db.list("""
                WITH v AS MATERIALIZED (
                    SELECT nextval(pg_get_serial_sequence('webhook_events', 'id')) AS id, t.*
                      FROM (VALUES %s) AS t(%s, n)
                ), ins AS (
                    INSERT INTO webhook_events (id, %s, next_sweep_at) OVERRIDING SYSTEM VALUE
                    SELECT id, %s, now() + make_interval(secs => ?) FROM v ORDER BY n
                    ON CONFLICT (source_id, delivery_id) DO NOTHING
                    RETURNING id)
                SELECT v.n, v.id, ins.id IS NOT NULL FROM v LEFT JOIN ins USING (id)""".formatted(values, COLUMNS, COLUMNS, COLUMNS),
                s -> {
                    for (int n = 0; n < batch.size(); n++) {
                        bind(s, n * FIELDS, batch.get(n));
                    }
                    s.setDouble(batch.size() * FIELDS + 1, sweepAge.toMillis() / 1000.0);
                }, r -> {
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

    private void bind(PreparedStatement s, int offset, IncomingWebhook w) throws SQLException {
        s.setLong(offset + 1, w.sourceId());
        s.setString(offset + 2, w.eventType());
        s.setString(offset + 3, w.deliveryId());
        s.setBytes(offset + 4, w.rawBody());
        s.setBytes(offset + 5, ReplayGuard.sha256(w.rawBody()));
        s.setString(offset + 6, w.payloadJson());
        s.setString(offset + 7, w.contentType());
        s.setString(offset + 8, w.headersJson());
        s.setString(offset + 9, w.signature());
        s.setString(offset + 10, w.clientIp());
    }

    private Recorded insert(IncomingWebhook w) {
        Optional<Long> inserted = db.one("""
                INSERT INTO webhook_events (%s, next_sweep_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (source_id, delivery_id) DO NOTHING
                RETURNING id""".formatted(COLUMNS),
                s -> {
                    bind(s, 0, w);
                    s.setDouble(FIELDS + 1, sweepAge.toMillis() / 1000.0);
                }, r -> r.getLong(1));
        return inserted.<Recorded>map(Recorded.Accepted::new).orElseGet(() -> firstOf(w));
    }

    /** The stored delivery a conflicting webhook repeats (committed by another transaction, or earlier in this one). */
    private Recorded firstOf(IncomingWebhook w) {
        long first = db.one("SELECT id FROM webhook_events WHERE source_id = ? AND delivery_id = ?",
                s -> {
                    s.setLong(1, w.sourceId());
                    s.setString(2, w.deliveryId());
                }, r -> r.getLong(1))
                .orElseThrow(() -> new IllegalStateException("conflicting delivery vanished: " + w.deliveryId()));
        return new Recorded.Duplicate(first);
    }

    /** A data exception (SQLSTATE class 22): PostgreSQL refused a value of the row, not the request as a whole. */
    private static boolean refusedData(DataAccessException e) {
        return e.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22");
    }
}
