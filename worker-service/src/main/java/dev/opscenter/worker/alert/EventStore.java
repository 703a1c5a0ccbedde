package dev.opscenter.worker.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.AlertRows;
import dev.opscenter.common.event.EventPayload;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * EventStore holds the SQL of processing: claiming a batch of events, loading them, storing their alerts once,
 * marking them processed, and recording failures. Each batch step is one statement over an array of ids.
 */
@Singleton
class EventStore {
    /** Attempts of a statement or transaction that lost a deadlock or serialization race to another one. */
    private static final int RACE_ATTEMPTS = 3;

    private final Database db;
    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    EventStore(Database db, TransactionOperations<Connection> tx, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.json = json;
    }

    /**
     * What a claim took: the attempt number of each event claimed, and the events it left alone because their last
     * attempt never reported back (processing past the timeout: its worker may have died on them).
     */
    record Claim(Map<Long, Integer> attempts, List<Long> abandoned) {}

    /**
     * Marks the events processing and counts the attempt. An event is left out if it is finished, unknown, or being
     * processed by another consumer that started less than {@code timeout} ago (a duplicate entry must not run it
     * twice at once). One processing for longer than that was abandoned; it is claimed only if {@code takeAbandoned},
     * else listed, so that an event that kills its worker is retried alone and its attempts are not charged to the
     * rest of a batch. While processing, the sweeper leaves an event alone for {@code timeout}. Rows are locked in id
     * order, so consumers claiming overlapping batches do not deadlock.
     */
    Claim claim(Collection<Long> eventIds, Duration timeout, boolean takeAbandoned) {
        List<Claimed> rows = retryingRaces(() -> db.list(
                """
                WITH candidates AS (
                    SELECT id, status = 'processing' AS abandoned FROM webhook_events
                     WHERE id = ANY (:ids)
                       AND (status = 'pending'
                            OR (status = 'processing' AND processing_started_at < now() - make_interval(secs => :timeout)))
                     ORDER BY id
                       FOR UPDATE),
                claimed AS (
                    UPDATE webhook_events e
                       SET status = 'processing', attempts = e.attempts + 1, processing_started_at = now(),
                           next_sweep_at = now() + make_interval(secs => :timeout)
                      FROM candidates c
                     WHERE e.id = c.id AND (:take_abandoned OR NOT c.abandoned)
                    RETURNING e.id, e.attempts)
                SELECT id, attempts FROM claimed
                 UNION ALL
                SELECT id, 0 FROM candidates WHERE abandoned AND NOT :take_abandoned""",
                Params.of("ids", Params.bigints(eventIds))
                        .and("timeout", timeout.toMillis() / 1000.0)
                        .and("take_abandoned", takeAbandoned),
                Claimed.class));
        return new Claim(
                rows.stream().filter(r -> r.attempts() > 0).collect(Collectors.toMap(Claimed::id, Claimed::attempts)),
                rows.stream()
                        .filter(r -> r.attempts() == 0)
                        .map(Claimed::id)
                        .sorted()
                        .toList());
    }

    /** A row of {@link #claim}: an event claimed with its attempt number, or left alone as abandoned (0). */
    @Introspected
    record Claimed(long id, int attempts) {}

    /** The events with these ids, by id, each with its raw body and its payload text ({@link EventPayload}). */
    Map<Long, StoredEvent> load(Collection<Long> eventIds) {
        return db
                .list(
                        """
                SELECT e.id, e.source_id, e.event_source_id, COALESCE(s.kind, :triggered_kind) AS kind, COALESCE(s.slug, es.name) AS slug,
                       COALESCE(s.name, es.name) AS name, e.event_type, e.delivery_id, e.received_at,
                       e.headers::text AS headers, COALESCE(es.raises_alert, false) AS raises_alert, es.alert_severity,
                       """ + EventPayload.COLUMNS_WITH_RAW_BODY + """
                  FROM webhook_events e
                  LEFT JOIN webhook_sources s ON s.id = e.source_id
                  LEFT JOIN event_sources es ON es.id = e.event_source_id
                 WHERE e.id = ANY (:ids)""",
                        Params.of("triggered_kind", StoredEvent.TRIGGERED).and("ids", Params.bigints(eventIds)),
                        r -> {
                            EventPayload payload = EventPayload.read(r);
                            return new StoredEvent(
                                    r.getLong("id"),
                                    Columns.nullableLong(r, "source_id"),
                                    Columns.nullableLong(r, "event_source_id"),
                                    SourceKind.parse(r.getString("kind")),
                                    r.getString("slug"),
                                    r.getString("name"),
                                    r.getString("event_type"),
                                    r.getString("delivery_id"),
                                    Columns.instant(r, "received_at"),
                                    payload.text(),
                                    payload.rawBody(),
                                    r.getString("headers"),
                                    r.getBoolean("raises_alert"),
                                    r.getString("alert_severity"));
                        })
                .stream()
                .collect(Collectors.toMap(StoredEvent::id, e -> e));
    }

    /** A newly stored alert. */
    record NewAlert(long id, Instant createdAt) {}

    /**
     * Runs {@code work} in one transaction, again if it lost a deadlock or serialization race (its effects were rolled
     * back with it).
     */
    <T> T inTransaction(Supplier<T> work) {
        return retryingRaces(() -> tx.executeWrite(status -> work.get()));
    }

    /**
     * Stores the drafts' alerts in one statement, unless their events have one already; returns the alerts stored now
     * by event id. Call it inside {@link #inTransaction}, with {@link #markProcessed}.
     */
    Map<Long, NewAlert> insertAlerts(List<Draft> drafts) {
        List<Draft> alerting = drafts.stream().filter(d -> d.alert() != null).toList();
        if (alerting.isEmpty()) {
            return Map.of();
        }
        int n = alerting.size();
        // an event has a webhook source or an event source, so one of its source ids is null: the lists keep nulls
        List<Long> eventIds = new ArrayList<>(n);
        List<Long> sourceIds = new ArrayList<>(n);
        List<Long> eventSourceIds = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        List<String> titles = new ArrayList<>(n);
        List<String> messages = new ArrayList<>(n);
        List<String> severities = new ArrayList<>(n);
        List<String> metadata = new ArrayList<>(n);
        for (Draft d : alerting) {
            eventIds.add(d.event().id());
            sourceIds.add(d.event().sourceId());
            eventSourceIds.add(d.event().eventSourceId());
            types.add(d.event().eventType());
            titles.add(d.alert().title());
            messages.add(d.alert().message());
            severities.add(d.alert().severity().wire());
            metadata.add(Json.write(json, d.alert().metadata()));
        }
        return db
                .list(
                        """
                INSERT INTO alerts (event_id, source_id, event_source_id, event_type, title, message, severity, metadata)
                SELECT event_id, source_id, event_source_id, event_type, title, message, severity, CAST(metadata AS jsonb)
                  FROM unnest(:event_ids, :source_ids, :event_source_ids, :types, :titles, :messages, :severities,
                              :metadata)
                       AS a(event_id, source_id, event_source_id, event_type, title, message, severity, metadata)
                 ORDER BY event_id
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id, id, created_at""",
                        Params.of("event_ids", Params.bigints(eventIds))
                                .and("source_ids", Params.bigints(sourceIds))
                                .and("event_source_ids", Params.bigints(eventSourceIds))
                                .and("types", Params.texts(types))
                                .and("titles", Params.texts(titles))
                                .and("messages", Params.texts(messages))
                                .and("severities", Params.texts(severities))
                                .and("metadata", Params.texts(metadata)),
                        InsertedAlert.class)
                .stream()
                .collect(Collectors.toMap(InsertedAlert::eventId, a -> new NewAlert(a.id(), a.createdAt())));
    }

    /** A row of {@link #insertAlerts}: the alert stored for an event. */
    @Introspected
    record InsertedAlert(long eventId, long id, Instant createdAt) {}

    /**
     * Marks processed those of the events still processing, in one statement; returns when, by event id, for the
     * events this call finished (another delivery may have finished the rest).
     *
     * <p>The rows are found by id alone, then filtered: with {@code status = 'processing'} beside the ids, PostgreSQL
     * plans the status index (its statistics say few rows are processing) and filters the ids, so each batch walks the
     * index entries of every row version that was once processing and that vacuum has not removed yet — 8,855 index
     * pages for a batch of 14 after a million events, 131 by id (docs/benchmarks.md, "Plans by id").
     */
    Map<Long, Instant> markProcessed(Collection<Long> eventIds) {
        return db.list("""
                WITH batch AS MATERIALIZED (
                    SELECT id, status FROM webhook_events WHERE id = ANY (:ids) ORDER BY id FOR UPDATE)
                UPDATE webhook_events e
                   SET status = 'processed', processed_at = COALESCE(e.processed_at, now()), error = NULL, next_sweep_at = NULL
                  FROM batch b
                 WHERE e.id = b.id AND b.status = 'processing'
                RETURNING e.id, e.processed_at""", Params.of("ids", Params.bigints(eventIds)), Processed.class).stream()
                .collect(Collectors.toMap(Processed::id, Processed::processedAt));
    }

    /** A row of {@link #markProcessed}: an event this call finished, and when. */
    @Introspected
    record Processed(long id, Instant processedAt) {}

    /**
     * Records that the alerts reached the live channel and feed, keeping the first time of one published before. The
     * ids are the only condition, so the rows are found by primary key: with {@code published_at IS NULL} beside them
     * PostgreSQL walks the unpublished index and every entry in it that vacuum has not removed yet.
     */
    void markPublished(Collection<Long> alertIds) {
        db.update(
                "UPDATE alerts SET published_at = COALESCE(published_at, now()) WHERE id = ANY (:ids)",
                Params.of("ids", Params.bigints(alertIds)));
    }

    /** Alerts stored at least {@code age} ago and never published (their worker died in between), oldest first. */
    List<AlertMessage> unpublished(Duration age, int limit) {
        return db.list(
                AlertRows.SELECT + """
                 WHERE a.published_at IS NULL AND a.created_at <= now() - make_interval(secs => :age)
                 ORDER BY a.created_at, a.id
                 LIMIT :limit""",
                Params.of("age", age.toMillis() / 1000.0).and("limit", limit),
                r -> AlertRows.map(r, json));
    }

    /** The alert ids of those of the events that have one, by event id. */
    Map<Long, Long> existingAlertIds(Collection<Long> eventIds) {
        return db
                .list(
                        "SELECT event_id, id FROM alerts WHERE event_id = ANY (:ids)",
                        Params.of("ids", Params.bigints(eventIds)),
                        AlertId.class)
                .stream()
                .collect(Collectors.toMap(AlertId::eventId, AlertId::id));
    }

    /** A row of {@link #existingAlertIds}: an event's alert. */
    @Introspected
    record AlertId(long eventId, long id) {}

    /** Back to pending with the error; the retry queue brings it back at {@code due}, the sweeper after {@code due + grace}. */
    void retryLater(long eventId, String error, Instant due, Duration grace) {
        db.update(
                """
                UPDATE webhook_events
                   SET status = 'pending', error = :error,
                       next_sweep_at = CAST(:due AS timestamptz) + make_interval(secs => :grace)
                 WHERE id = :id AND status = 'processing'""",
                Params.of("error", error)
                        .and("due", due)
                        .and("grace", grace.toMillis() / 1000.0)
                        .and("id", eventId));
    }

    /** Parks the event as failed; only a replay brings it back. */
    void fail(long eventId, String error) {
        db.update("""
                UPDATE webhook_events
                   SET status = 'failed', error = :error, processed_at = NULL, next_sweep_at = NULL
                 WHERE id = :id AND status = 'processing'""", Params.of("error", error).and("id", eventId));
    }

    private static <T> T retryingRaces(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= RACE_ATTEMPTS || !Blame.lostRace(e)) {
                    throw e;
                }
            }
        }
    }
}
