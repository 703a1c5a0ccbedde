package dev.opscenter.ingress.api;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HealthChecker judges the platform's health as the dashboard shows it: each dependency and each service is ok,
 * degraded or down. PostgreSQL down makes the whole platform down (nothing can be accepted); anything else degrades it.
 */
@Singleton
final class HealthChecker {
    /** A worker that has not looped for this long is presumed dead. */
    private static final Duration WORKER_SILENCE = Duration.ofSeconds(30);

    private final HealthRepository db;
    private final SharedRedis redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final URI realtimeHealth;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HealthChecker(
            HealthRepository db,
            SharedRedis redis,
            RedisKeys keys,
            Clock clock,
            @Value("${opscenter.realtime.health-url}") String realtimeHealth) {
        this.db = db;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.realtimeHealth = URI.create(realtimeHealth);
    }

    /** One component's state. */
    @Serdeable
    record Component(
            String status,
            @Nullable String detail,
            @Nullable Instant lastProcessedAt,
            @Nullable Integer consumers,
            @Nullable Long backlog) {
        static Component of(String status, @Nullable String detail) {
            return new Component(status, detail, null, null, null);
        }
    }

    /** The whole picture. */
    @Serdeable
    record Health(String status, Map<String, Component> components) {}

    /** Checks every component now. */
    Health check() {
        Map<String, Component> c = new LinkedHashMap<>();
        c.put("postgres", postgres());
        c.put("redis", redis());
        c.put(
                "worker",
                worker(
                        c.get("postgres").status().equals("ok"),
                        c.get("redis").status().equals("ok")));
        c.put("realtime", realtime());
        String overall = c.get("postgres").status().equals("down")
                ? "down"
                : c.values().stream().allMatch(x -> x.status().equals("ok")) ? "ok" : "degraded";
        return new Health(overall, c);
    }

    private Component postgres() {
        try {
            db.ping();
            return Component.of("ok", null);
        } catch (RuntimeException e) {
            return Component.of("down", "unreachable: " + e.getClass().getSimpleName());
        }
    }

    private Component redis() {
        try {
            redis.sync().ping();
            return Component.of("ok", null);
        } catch (RuntimeException e) {
            return Component.of("down", "unreachable: " + e.getClass().getSimpleName());
        }
    }

    private Component worker(boolean postgresUp, boolean redisUp) {
        Instant lastProcessed = null;
        Long backlog = null;
        if (postgresUp) {
            HealthRepository.WorkerProgress progress = db.workerProgress();
            lastProcessed = progress.lastProcessedAt();
            backlog = progress.backlog();
        }
        if (!redisUp) {
            return new Component("degraded", "cannot see workers while Redis is down", lastProcessed, null, backlog);
        }
        Instant cutoff = clock.instant().minus(WORKER_SILENCE);
        int alive = 0;
        for (String beat : redis.sync().hgetall(keys.workerHeartbeats()).values()) {
            if (Instant.ofEpochMilli(Long.parseLong(beat)).isAfter(cutoff)) {
                alive++;
            }
        }
        String status = alive > 0 ? "ok" : "down";
        return new Component(
                status, alive > 0 ? null : "no worker consumer seen in the last 30 s", lastProcessed, alive, backlog);
    }

    private Component realtime() {
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(realtimeHealth)
                            .timeout(Duration.ofSeconds(2))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200
                    ? Component.of("ok", null)
                    : Component.of("degraded", "health answered " + r.statusCode());
        } catch (java.io.IOException e) {
            return Component.of("down", "unreachable at " + realtimeHealth);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Component.of("down", "interrupted");
        }
    }
}
