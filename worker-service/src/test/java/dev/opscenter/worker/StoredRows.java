package dev.opscenter.worker;

import dev.opscenter.common.sql.NamedSql;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.vocabulary.EventStatus;
import dev.opscenter.common.vocabulary.SourceKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * StoredRows is what the worker's tests do to its PostgreSQL: store webhook sources, event sources and events the way
 * ingress stores them, and read rows back. Every statement runs on a connection of its own and commits at once, as
 * ingress's do, so a worker sees a row as soon as the method that stored it returns.
 *
 * <p>An event is stored as ingress's recorder stores it: the body exactly as received in {@code raw_body}, the same
 * text parsed into {@code payload}, headers as a JSON object, and a sweep an hour after its receipt (nothing in the
 * worker's tests sweeps events; the hour keeps it so). A webhook also keeps the SHA-256 of its body, the key of its
 * source's replay window; a triggered event has its event source's name for a type and the caller's event id for a
 * delivery id. An event stored finished ({@link Event#status processed or failed}) is stored as the worker leaves it:
 * with no sweep due.
 *
 * <p>A source's secret is a placeholder byte: the worker never reads it.
 */
public final class StoredRows {
    /** When ingress's sweeper would look at a pending event again, after its receipt. */
    private static final Duration SWEEP_AFTER = Duration.ofHours(1);

    private final TestEnvironment env;

    public StoredRows(TestEnvironment env) {
        this.env = env;
    }

    /** Stores an active webhook source with the default settings; returns its id. */
    public long source(String name, String slug, SourceKind kind) throws SQLException {
        return queryLong("""
                INSERT INTO webhook_sources (name, slug, kind, secret_encrypted)
                VALUES (:name, :slug, :kind, '\\x00') RETURNING id""", Params.of("name", name).and("slug", slug).and("kind", kind));
    }

    /** Stores an active event source that raises no alert and takes any JSON payload; returns its id. */
    public long eventSource(String name) throws SQLException {
        return queryLong("INSERT INTO event_sources (name) VALUES (:name) RETURNING id", Params.of("name", name));
    }

    /** Stores a pending webhook of the source, received now, with this JSON body and no delivery id; returns its id. */
    public long event(long source, String eventType, String payload) throws SQLException {
        return webhook(source, eventType).payload(payload).store();
    }

    /** A webhook of the source, to store: pending, received now, body {@code {}}, no delivery id. */
    public Event webhook(long source, String eventType) {
        return new Event(source, null, eventType, null);
    }

    /**
     * An event triggered through the event source, to store: its type is the event source's name, its delivery id a
     * fresh one (the caller's event id); pending, received now, body {@code {}}.
     */
    public Event triggered(long eventSource) {
        return new Event(null, eventSource, null, UUID.randomUUID().toString());
    }

    /** An event to store; {@link #store} stores it and returns its id. */
    public final class Event {
        private final Long source;
        private final Long eventSource;
        private final String eventType;
        private String deliveryId;
        private String payload = "{}";
        private Duration age = Duration.ZERO;
        private EventStatus status = EventStatus.PENDING;
        private boolean jsonCopy;

        private Event(Long source, Long eventSource, String eventType, String deliveryId) {
            this.source = source;
            this.eventSource = eventSource;
            this.eventType = eventType;
            this.deliveryId = deliveryId;
        }

        /** The body as received, JSON text; stored as raw bytes and parsed. */
        public Event payload(String json) {
            this.payload = json;
            return this;
        }

        /**
         * A webhook as stored before V24: its payload also parsed into the jsonb column, its raw body not marked as the
         * JSON. (A triggered event always keeps its payload there.)
         */
        public Event storedBeforeV24() {
            this.jsonCopy = true;
            return this;
        }

        /** The provider's delivery id (a webhook) or the caller's event id (a triggered event). */
        public Event deliveryId(String id) {
            this.deliveryId = id;
            return this;
        }

        /** Received this long before the database's now. */
        public Event receivedAgo(Duration age) {
            this.age = age;
            return this;
        }

        /** Where it is in processing; a finished event has no sweep due. */
        public Event status(EventStatus status) {
            this.status = status;
            return this;
        }

        /** Stores the event; returns its id. */
        public long store() throws SQLException {
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            boolean finished = status == EventStatus.PROCESSED || status == EventStatus.FAILED;
            return queryLong(
                    """
                    INSERT INTO webhook_events (source_id, event_source_id, event_type, delivery_id, raw_body, body_sha256,
                                                payload, body_is_json, content_type, headers, status, received_at,
                                                next_sweep_at)
                    VALUES (:source, :eventSource,
                            COALESCE(CAST(:eventType AS text), (SELECT name FROM event_sources WHERE id = :eventSource)),
                            :deliveryId, :body, :bodySha256, CAST(:payload AS jsonb), :bodyIsJson, 'application/json', '{}',
                            :status,
                            now() - make_interval(secs => :age),
                            now() - make_interval(secs => :age) + make_interval(secs => CAST(:sweepAfter AS double precision)))
                    RETURNING id""",
                    Params.of("source", source)
                            .and("eventSource", eventSource)
                            .and("eventType", eventType)
                            .and("deliveryId", deliveryId)
                            .and("body", body)
                            // the replay window's key: only webhooks keep one
                            .and("bodySha256", source == null ? null : sha256(body))
                            // as ingress stores them: a webhook's JSON is its raw body, a triggered event's payload
                            // is one field of the request, kept parsed
                            .and("payload", source == null || jsonCopy ? payload : null)
                            .and("bodyIsJson", source != null && !jsonCopy)
                            .and("status", status)
                            .and("age", age.toMillis() / 1000.0)
                            .and("sweepAfter", finished ? null : SWEEP_AFTER.toMillis() / 1000.0));
        }
    }

    /** The first column of the query's first row as a long (an id from RETURNING id, a count); fails without one. */
    public long queryLong(String sql) throws SQLException {
        return queryLong(sql, Params.NONE);
    }

    /** The first column of the query's first row as a long; the query has named parameters ({@code :name}). */
    public long queryLong(String sql, Params params) throws SQLException {
        try (Connection c = env.connection();
                PreparedStatement s = NamedSql.prepare(c, sql, params);
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return r.getLong(1);
        }
    }

    /** The count a {@code SELECT count(...)} query returns. */
    public long count(String sql) throws SQLException {
        return queryLong(sql);
    }

    /** The first column of every row of the query, as longs. */
    public List<Long> longs(String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getLong(1));
            }
        }
        return out;
    }

    /** The first column of every row of the query, a timestamp, as instants. */
    public List<Instant> instants(String sql) throws SQLException {
        List<Instant> out = new ArrayList<>();
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getTimestamp(1).toInstant());
            }
        }
        return out;
    }

    /** The first row of a query as column → value, leaving out nulls; empty when there is none. */
    public Map<String, Object> row(String sql) throws SQLException {
        return row(sql, Params.NONE);
    }

    /** The first row of a query with named parameters as column → value, leaving out nulls; empty when none. */
    public Map<String, Object> row(String sql, Params params) throws SQLException {
        try (Connection c = env.connection();
                PreparedStatement s = NamedSql.prepare(c, sql, params);
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Map.of();
            }
            Map<String, Object> out = new HashMap<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                Object v = r.getObject(i);
                if (v != null) {
                    out.put(r.getMetaData().getColumnLabel(i), v);
                }
            }
            return out;
        }
    }

    /** Runs a statement as written (DDL, a plpgsql body, literal values). */
    public void execute(String sql) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs a statement with named parameters. */
    public void execute(String sql, Params params) throws SQLException {
        try (Connection c = env.connection();
                PreparedStatement s = NamedSql.prepare(c, sql, params)) {
            s.execute();
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
