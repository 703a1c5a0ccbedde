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
import java.sql.SQLException;
import java.time.Duration;
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
            return tx.executeWrite(status -> batch.stream().<Stored>map(w -> new Stored.Done(insert(w))).toList());
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

    private Recorded insert(IncomingWebhook w) {
        Optional<Long> inserted = db.one("""
                INSERT INTO webhook_events (source_id, event_type, delivery_id, raw_body, body_sha256, payload, content_type,
                                            headers, signature, client_ip, next_sweep_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (source_id, delivery_id) DO NOTHING
                RETURNING id""",
                s -> {
                    s.setLong(1, w.sourceId());
                    s.setString(2, w.eventType());
                    s.setString(3, w.deliveryId());
                    s.setBytes(4, w.rawBody());
                    s.setBytes(5, ReplayGuard.sha256(w.rawBody()));
                    s.setString(6, w.payloadJson());
                    s.setString(7, w.contentType());
                    s.setString(8, w.headersJson());
                    s.setString(9, w.signature());
                    s.setString(10, w.clientIp());
                    s.setDouble(11, sweepAge.toMillis() / 1000.0);
                }, r -> r.getLong(1));
        if (inserted.isPresent()) {
            return new Recorded.Accepted(inserted.get());
        }
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
