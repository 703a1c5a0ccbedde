package dev.opscenter.worker.relay;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.worker.stream.WorkerSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EndpointGuard keeps each subscription's {@link EndpointState} on its row: it lets one delivery through a half-open
 * circuit breaker as the probe, and, inside the transaction that records an attempt, counts the failure or clears the
 * record on success. A subscription that has failed every attempt for the disable-after period is switched off, and an
 * {@value #DISABLED_SOURCE} event is recorded in the same transaction (it raises an error alert once processed).
 */
@Singleton
final class EndpointGuard {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointGuard.class);
    /** The event source of the events recorded when a subscription is switched off (created by V14). */
    static final String DISABLED_SOURCE = "opscenter.subscription.disabled";
    /** The longest last error quoted in the disabled reason and the alert. */
    private static final int MAX_ERROR_CHARS = 500;

    private final Database db;
    private final RelaySettings settings;
    private final WorkerSettings workers;
    private final JsonMapper json;

    EndpointGuard(Database db, RelaySettings settings, WorkerSettings workers, JsonMapper json) {
        this.db = db;
        this.settings = settings;
        this.workers = workers;
        this.json = json;
    }

    /** Whether a delivery may go through the breaker now, and as its probe; or until when it waits. */
    sealed interface Gate {
        record Pass(boolean probe) implements Gate {}

        record Wait(Instant until) implements Gate {}
    }

    /**
     * For a delivery claimed while the subscription's breaker was open until {@code openUntil} (null: closed). Once the
     * cool-down has passed, the first claim takes the probe, holding the breaker open until the probe's send
     * deadline so no second probe starts meanwhile; the others wait for that deadline.
     */
    Gate gate(long subscriptionId, @Nullable Instant openUntil, Instant now, Instant probeDeadline) {
        if (openUntil == null) {
            return new Gate.Pass(false);
        }
        if (openUntil.isAfter(now)) {
            return new Gate.Wait(openUntil);
        }
        int taken = db.update(
                """
                UPDATE subscriptions SET breaker_open_until = :deadline
                 WHERE id = :id AND breaker_open_until <= :now""",
                Params.of("deadline", probeDeadline).and("id", subscriptionId).and("now", now));
        if (taken == 1) {
            return new Gate.Pass(true);
        }
        Optional<Instant> current = db.one(
                "SELECT breaker_open_until FROM subscriptions WHERE id = :id",
                Params.of("id", subscriptionId),
                r -> Columns.instant(r, "breaker_open_until"));
        return current.filter(until -> until.isAfter(now))
                .<Gate>map(Gate.Wait::new)
                .orElse(new Gate.Pass(false));
    }

    /** A success closes the breaker and stops the failure clock; a healthy row is not written. */
    void succeeded(long subscriptionId) {
        int changed = db.update("""
                UPDATE subscriptions
                   SET consecutive_failures = 0, failing_since = NULL, breaker_open_until = NULL, breaker_opens = 0
                 WHERE id = :id
                   AND (consecutive_failures <> 0 OR failing_since IS NOT NULL OR breaker_open_until IS NOT NULL
                        OR breaker_opens <> 0)""", Params.of("id", subscriptionId));
        if (changed == 1) {
            LOG.info("subscription {} answered again: circuit breaker closed", subscriptionId);
        }
    }

    /**
     * Counts a failed attempt; switches the subscription off when it has failed for too long. Returns the id of the
     * event recorded for that, to enqueue after the commit.
     */
    Optional<Long> failed(long subscriptionId, Instant at, boolean probe, String error) {
        Optional<Row> locked = db.one(
                """
                SELECT name, is_active, consecutive_failures, failing_since, breaker_open_until, breaker_opens
                  FROM subscriptions WHERE id = :id FOR UPDATE""",
                Params.of("id", subscriptionId),
                r -> new Row(
                        r.getString("name"),
                        r.getBoolean("is_active"),
                        new EndpointState(
                                r.getInt("consecutive_failures"),
                                Columns.instant(r, "failing_since"),
                                Columns.instant(r, "breaker_open_until"),
                                r.getInt("breaker_opens"))));
        if (locked.isEmpty()) {
            return Optional.empty(); // deleted meanwhile
        }
        Row row = locked.get();
        EndpointState next = row.state().afterFailure(at, probe, settings);
        boolean disable = row.active() && next.failingTooLong(at, settings);
        String reason = disable ? "failing since " + seconds(next.failingSince()) + ": " + cut(error) : null;
        db.update(
                """
                UPDATE subscriptions
                   SET consecutive_failures = :failures, failing_since = :since, breaker_open_until = :open_until,
                       breaker_opens = :opens,
                       is_active = is_active AND NOT :disable,
                       disabled_reason = CASE WHEN :disable THEN :reason ELSE disabled_reason END,
                       updated_at = CASE WHEN :disable THEN now() ELSE updated_at END
                 WHERE id = :id""",
                Params.of("failures", next.consecutiveFailures())
                        .and("since", next.failingSince())
                        .and("open_until", next.openUntil())
                        .and("opens", next.opens())
                        .and("disable", disable)
                        .and("reason", reason)
                        .and("id", subscriptionId));
        if (next.opens() > row.state().opens()) {
            LOG.warn(
                    "subscription {} failed {} attempts in a row: circuit breaker open until {}",
                    subscriptionId,
                    next.consecutiveFailures(),
                    next.openUntil());
        }
        if (!disable) {
            return Optional.empty();
        }
        LOG.warn("subscription {} ({}) disabled: {}", subscriptionId, row.name(), reason);
        return recordDisabled(subscriptionId, row.name(), next, error);
    }

    /** The subscription's row as a failure finds it, locked. */
    private record Row(String name, boolean active, EndpointState state) {}

    /**
     * Records the triggered event that raises the alert, once per failure period (its delivery id names the
     * subscription and when it began failing). None while the event source is switched off or deleted.
     */
    private Optional<Long> recordDisabled(long subscriptionId, String name, EndpointState state, String error) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", "Relay subscription '" + name + "' disabled");
        payload.put(
                "message",
                "Subscription '" + name + "' (id " + subscriptionId + ") failed every delivery attempt since "
                        + seconds(state.failingSince()) + " (" + state.consecutiveFailures()
                        + " attempts) and was switched off. Last error: " + cut(error)
                        + ". Fix the endpoint, then set it active again.");
        payload.put("subscription_id", subscriptionId);
        payload.put("subscription", name);
        payload.put("failing_since", seconds(state.failingSince()).toString());
        payload.put("failed_attempts", state.consecutiveFailures());
        payload.put("last_error", cut(error));
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return db.one(
                """
                INSERT INTO webhook_events (event_source_id, event_type, delivery_id, raw_body, payload, content_type,
                                            headers, next_sweep_at)
                SELECT id, name, :delivery_id, :raw_body, CAST(:payload AS jsonb), 'application/json', '{}',
                       now() + make_interval(secs => :sweep_grace)
                  FROM event_sources WHERE name = :source AND is_active
                ON CONFLICT (event_source_id, delivery_id) WHERE event_source_id IS NOT NULL DO NOTHING
                RETURNING id""",
                Params.of(
                                "delivery_id",
                                "subscription-" + subscriptionId + "-disabled-"
                                        + state.failingSince().getEpochSecond())
                        .and("raw_body", body.getBytes(StandardCharsets.UTF_8))
                        .and("payload", body)
                        .and("sweep_grace", workers.sweepGrace().toMillis() / 1000.0)
                        .and("source", DISABLED_SOURCE),
                Long.class);
    }

    private static Instant seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String cut(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
