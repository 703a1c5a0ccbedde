package dev.opscenter.ingress.relay;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * EndpointHealthRepository sums up how a subscription's endpoint answered: per window, attempts, successes (any 2xx,
 * as the sender counts them) and latency percentiles, computed by PostgreSQL over the attempts of the subscription's
 * deliveries; and the last success and failure ever.
 */
@Singleton
final class EndpointHealthRepository {
    /** The attempts of each window ending now; a window without attempts has zeros and null percentiles. */
    private static final String WINDOWS = """
            SELECT w.name, count(a.attempted_at) AS attempts,
                   count(a.attempted_at) FILTER (WHERE a.status_code BETWEEN 200 AND 299) AS successes,
                   percentile_disc(0.50) WITHIN GROUP (ORDER BY a.latency_ms) AS p50,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY a.latency_ms) AS p95,
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY a.latency_ms) AS p99
              FROM (VALUES ('hour', CAST(:hour AS timestamptz)), ('day', CAST(:day AS timestamptz))) AS w(name, since)
              LEFT JOIN (SELECT a.attempted_at, a.status_code, a.latency_ms
                           FROM deliveries d
                           JOIN delivery_attempts a ON a.delivery_id = d.id
                          WHERE d.subscription_id = :id AND a.attempted_at >= :day) a
                     ON a.attempted_at >= w.since
             GROUP BY w.name""";

    private final Database db;

    EndpointHealthRepository(Database db) {
        this.db = db;
    }

    /**
     * How the endpoint answered over one window.
     *
     * @param successRate successes / attempts, null when there were no attempts
     * @param latencyP50Ms latency percentiles in whole milliseconds over every attempt with a latency, each one an
     *                     observed latency (nearest rank); null when none
     */
    @Serdeable
    record Window(
            long attempts,
            long successes,
            @Nullable Double successRate,
            @Nullable Integer latencyP50Ms,
            @Nullable Integer latencyP95Ms,
            @Nullable Integer latencyP99Ms) {}

    /** A window's row as PostgreSQL sums it up. */
    @Serdeable
    record WindowRow(
            String name,
            long attempts,
            long successes,
            @Nullable Integer p50,
            @Nullable Integer p95,
            @Nullable Integer p99) {
        Window window() {
            return new Window(attempts, successes, attempts == 0 ? null : (double) successes / attempts, p50, p95, p99);
        }
    }

    /**
     * The last success and failure of the endpoint, over all time.
     *
     * @param lastFailureError why the last failed attempt failed
     */
    @Serdeable
    record Last(
            @Nullable Instant lastSuccessAt,
            @Nullable Instant lastFailureAt,
            @Nullable Integer lastFailureStatusCode,
            @Nullable String lastFailureError) {}

    /** The endpoint's health as {@code GET /api/subscriptions/{id}/health} shows it. */
    @Serdeable
    record EndpointHealth(
            long subscriptionId,
            Instant at,
            Window lastHour,
            Window lastDay,
            @Nullable Instant lastSuccessAt,
            @Nullable Instant lastFailureAt,
            @Nullable Integer lastFailureStatusCode,
            @Nullable String lastFailureError) {}

    /** The subscription's endpoint health at {@code now}; empty when there is no such subscription. */
    Optional<EndpointHealth> health(long subscriptionId, Instant now) {
        // newest attempts first, through the attempts' time index: each walk stops at the subscription's first match
        Optional<Last> last = db.one("""
                SELECT (SELECT a.attempted_at
                          FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                         WHERE d.subscription_id = :id AND a.status_code BETWEEN 200 AND 299
                         ORDER BY a.attempted_at DESC
                         LIMIT 1) AS last_success_at,
                       f.attempted_at AS last_failure_at, f.status_code AS last_failure_status_code,
                       f.error AS last_failure_error
                  FROM subscriptions s
                  LEFT JOIN LATERAL (SELECT a.attempted_at, a.status_code, a.error
                                       FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                                      WHERE d.subscription_id = :id AND a.status_code BETWEEN 200 AND 299 IS NOT TRUE
                                      ORDER BY a.attempted_at DESC, a.id DESC
                                      LIMIT 1) f ON true
                 WHERE s.id = :id""", Params.of("id", subscriptionId), Last.class);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Window> windows = db
                .list(
                        WINDOWS,
                        Params.of("id", subscriptionId)
                                .and("hour", now.minus(Duration.ofHours(1)))
                                .and("day", now.minus(Duration.ofDays(1))),
                        WindowRow.class)
                .stream()
                .collect(Collectors.toMap(WindowRow::name, WindowRow::window));
        Last l = last.get();
        return Optional.of(new EndpointHealth(
                subscriptionId,
                now,
                windows.get("hour"),
                windows.get("day"),
                l.lastSuccessAt(),
                l.lastFailureAt(),
                l.lastFailureStatusCode(),
                l.lastFailureError()));
    }

    /**
     * The last hour of every subscription that had attempts in it, by subscription id, in one query (the attempts'
     * time index finds the hour's attempts; each joins its delivery by primary key).
     */
    Map<Long, Summary> lastHour(Instant now) {
        return db.list("""
                        SELECT d.subscription_id, count(*) AS attempts,
                               count(*) FILTER (WHERE a.status_code BETWEEN 200 AND 299) AS successes
                          FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                         WHERE a.attempted_at >= :since
                         GROUP BY d.subscription_id""", Params.of("since", now.minus(Duration.ofHours(1))), HourRow.class).stream()
                .collect(Collectors.toMap(HourRow::subscriptionId, HourRow::summary));
    }

    /** One subscription's last hour as PostgreSQL counts it. */
    @Serdeable
    record HourRow(long subscriptionId, long attempts, long successes) {
        Summary summary() {
            return new Summary(attempts, (double) successes / attempts);
        }
    }

    /**
     * The compact health shown with each subscription in the list: its last hour.
     *
     * @param successRateLastHour null when there were no attempts
     */
    @Serdeable
    record Summary(long attemptsLastHour, @Nullable Double successRateLastHour) {
        static final Summary NONE = new Summary(0, null);
    }
}
