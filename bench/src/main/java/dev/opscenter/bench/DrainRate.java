package dev.opscenter.bench;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.sql.NamedSql;
import dev.opscenter.common.sql.Params;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DrainRate measures how fast a running worker drains a backlog: it stores N GitHub {@code push} events (the real
 * 6,923-byte example payload) straight into PostgreSQL as ingress would, then appends all their ids to the events
 * stream at once and watches the worker process them. It prints events processed per second, alerts per event and
 * live publishes per event (counted on the live channel), then deletes the run's rows. With {@code --rounds} it does so
 * several times, so that later rounds show a worker whose JIT has warmed up.
 */
public final class DrainRate {
    static final String USAGE = """
            usage: DrainRate [--events 20000] [--rounds 1] [--database jdbc:postgresql://127.0.0.1:5432/opscenter_drain?user=postgres]
                             [--redis redis://127.0.0.1:6379] [--prefix drain:] [--timeout 600] [--keep false]
              --rounds   backlogs drained one after the other (the first one also warms up the worker's JIT)
              --prefix   the worker's OPSCENTER_REDIS_PREFIX; --database the worker's database (it must have started once)
              --keep     true leaves the run's events and alerts in the database""";
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":(\\d+)");
    private static final int CHUNK = 1_000;
    private static final String SLUG = "drain-github";

    private final Map<String, String> options;
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();
    private final Map<Long, AtomicLong> publishes = new ConcurrentHashMap<>();
    private long source;

    DrainRate(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parseOrExit(
                args,
                Map.of(
                        "events",
                        "20000",
                        "database",
                        "jdbc:postgresql://127.0.0.1:5432/opscenter_drain?user=postgres",
                        "redis",
                        "redis://127.0.0.1:6379",
                        "prefix",
                        "drain:",
                        "timeout",
                        "600",
                        "keep",
                        "false",
                        "rounds",
                        "1"),
                USAGE);
        System.exit(new DrainRate(options).run());
    }

    int run() throws Exception {
        int events = Integer.parseInt(options.get("events"));
        RedisKeys keys = new RedisKeys(options.get("prefix"));
        RedisClient client = RedisClient.create(options.get("redis"));
        try (Connection db = DriverManager.getConnection(options.get("database"));
                StatefulRedisConnection<String, String> redis = client.connect();
                StatefulRedisPubSubConnection<String, String> live = client.connectPubSub()) {
            live.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Matcher m = EVENT_ID.matcher(message);
                    if (m.find()) {
                        publishes
                                .computeIfAbsent(Long.parseLong(m.group(1)), id -> new AtomicLong())
                                .incrementAndGet();
                    }
                }
            });
            live.sync().subscribe(keys.liveChannel());

            source = source(db);
            int rounds = Integer.parseInt(options.get("rounds"));
            boolean drained = true;
            for (int round = 1; round <= rounds && drained; round++) {
                if (rounds > 1) {
                    System.out.printf(
                            "round %d of %d%s%n", round, rounds, round == 1 ? " (the worker's JIT warms up)" : "");
                }
                drained = round(db, redis, keys, events);
            }
            return drained ? 0 : 1;
        } finally {
            client.shutdown();
        }
    }

    /** One backlog: stored, enqueued at once, drained, reported, deleted (unless kept). */
    private boolean round(Connection db, StatefulRedisConnection<String, String> redis, RedisKeys keys, int events)
            throws Exception {
        ids.clear();
        publishes.clear();
        long start = System.nanoTime();
        insert(db, events, source);
        System.out.printf(
                "stored     %d push events of %d bytes in %.1fs%n",
                ids.size(), payload().length(), (System.nanoTime() - start) / 1e9);

        Timestamp enqueuedAt = dbNow(db);
        long enqueueStart = System.nanoTime();
        enqueue(redis, keys.events());
        System.out.printf(
                "enqueued   %d stream entries in %.2fs%n", ids.size(), (System.nanoTime() - enqueueStart) / 1e9);
        boolean drained = watch(db, enqueuedAt, Duration.ofSeconds(Long.parseLong(options.get("timeout"))));
        report(db, enqueuedAt);
        if (!Boolean.parseBoolean(options.get("keep"))) {
            delete(db);
        }
        return drained;
    }

    private long source(Connection db) throws SQLException {
        try (PreparedStatement s = NamedSql.prepare(db, """
                WITH found AS (SELECT id FROM webhook_sources WHERE slug = :slug AND deleted_at IS NULL),
                     made AS (INSERT INTO webhook_sources (name, slug, kind, secret_encrypted)
                              SELECT 'Drain rate benchmark', :slug, 'github', '\\x00' WHERE NOT EXISTS (SELECT 1 FROM found)
                              RETURNING id)
                SELECT id FROM found UNION ALL SELECT id FROM made""", Params.of("slug", SLUG));
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Stores the events as ingress does (pending, the raw body as the JSON payload), in chunks, without stream entries. */
    private void insert(Connection db, int events, long source) throws SQLException {
        String body = payload();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int from = 1; from <= events; from += CHUNK) {
            try (PreparedStatement s = NamedSql.prepare(
                            db,
                            """
                    INSERT INTO webhook_events (source_id, event_type, delivery_id, raw_body, body_is_json, content_type, headers,
                                                next_sweep_at)
                    SELECT :source, 'push', :delivery_prefix || '-' || g, :raw_body, true, 'application/json',
                           CAST('{"X-GitHub-Event":"push","Content-Type":"application/json"}' AS jsonb), now() + interval '1 hour'
                      FROM generate_series(:first, :last) AS g
                    RETURNING id""",
                            Params.of("source", source)
                                    .and("delivery_prefix", "drain-" + run)
                                    .and("raw_body", body.getBytes(StandardCharsets.UTF_8))
                                    .and("first", from)
                                    .and("last", Math.min(events, from + CHUNK - 1)));
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
    }

    /** Appends every id to the events stream, pipelined: the backlog appears at once, as after an outage. */
    private void enqueue(StatefulRedisConnection<String, String> redis, String stream) {
        redis.setAutoFlushCommands(false);
        try {
            List<RedisFuture<String>> sent = new ArrayList<>();
            for (long id : ids.stream().sorted().toList()) {
                sent.add(redis.async()
                        .xadd(
                                stream,
                                XAddArgs.Builder.maxlen(200_000).approximateTrimming(),
                                Map.of(RedisKeys.EVENT_ID_FIELD, Long.toString(id))));
                if (sent.size() == CHUNK) {
                    redis.flushCommands();
                    LettuceFutures.awaitAll(Duration.ofSeconds(30), sent.toArray(new RedisFuture[0]));
                    sent.clear();
                }
            }
            redis.flushCommands();
            LettuceFutures.awaitAll(Duration.ofSeconds(30), sent.toArray(new RedisFuture[0]));
        } finally {
            redis.setAutoFlushCommands(true);
        }
    }

    /** Prints progress every second until every event is finished (processed or failed) or the timeout. */
    private boolean watch(Connection db, Timestamp enqueuedAt, Duration timeout)
            throws SQLException, InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        long before = 0;
        while (true) {
            TimeUnit.SECONDS.sleep(1);
            long[] counts = statuses(db);
            System.out.printf(
                    "t=%5.1fs  processed %6d  failed %d  unfinished %6d  (%d in the last second)%n",
                    secondsSince(db, enqueuedAt), counts[0], counts[1], counts[2], counts[0] - before);
            before = counts[0];
            if (counts[2] == 0) {
                return true;
            }
            if (System.nanoTime() > until) {
                System.out.println("timed out with " + counts[2] + " events unfinished");
                return false;
            }
        }
    }

    private long[] statuses(Connection db) throws SQLException {
        // the run's rows, found by their source and id range rather than a 20,000-element array every second
        Params range = Params.of("source", source)
                .and("first", ids.stream().mapToLong(Long::longValue).min().orElse(0))
                .and("last", ids.stream().mapToLong(Long::longValue).max().orElse(0));
        try (PreparedStatement s = NamedSql.prepare(db, """
                SELECT count(*) FILTER (WHERE status = 'processed'), count(*) FILTER (WHERE status = 'failed'),
                       count(*) FILTER (WHERE status IN ('pending', 'processing'))
                  FROM webhook_events WHERE source_id = :source AND id BETWEEN :first AND :last""", range);
                ResultSet r = s.executeQuery()) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    private void report(Connection db, Timestamp enqueuedAt) throws SQLException, InterruptedException {
        // publishing follows the commit: wait (bounded) until every alert of the run is marked published, then a moment
        for (int i = 0; i < 30 && unpublished(db) > 0; i++) {
            TimeUnit.SECONDS.sleep(1);
        }
        TimeUnit.SECONDS.sleep(1);
        Params params = Params.of("enqueued_at", enqueuedAt.toInstant()).and("ids", Params.bigints(ids));
        try (PreparedStatement s = NamedSql.prepare(db, """
                SELECT count(*) FILTER (WHERE e.status = 'processed'),
                       EXTRACT(EPOCH FROM max(e.processed_at) - :enqueued_at), EXTRACT(EPOCH FROM max(e.processed_at) - min(e.processed_at)),
                       count(*) FILTER (WHERE e.attempts > 1), (SELECT count(*) FROM alerts a WHERE a.event_id = ANY (:ids))
                  FROM webhook_events e WHERE e.id = ANY (:ids)""", params)) {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long processed = r.getLong(1);
                double drain = r.getDouble(2);
                double span = r.getDouble(3);
                long alerts = r.getLong(5);
                long published = publishes.entrySet().stream()
                        .filter(e -> ids.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().get())
                        .sum();
                long twice = publishes.entrySet().stream()
                        .filter(e -> ids.contains(e.getKey()) && e.getValue().get() > 1)
                        .count();
                int n = ids.size();
                System.out.printf(
                        "drained    %d of %d processed %.2fs after the enqueue (first to last processed: %.2fs)%n",
                        processed, n, drain, span);
                System.out.printf(
                        "rate       %.0f events/s from the enqueue; %.0f events/s first to last%n",
                        processed / drain, (processed - 1) / span);
                System.out.printf(
                        "alerts     %.4f per event (%d), events with more than one attempt: %d%n",
                        alerts / (double) n, alerts, r.getLong(4));
                System.out.printf(
                        "publishes  %.4f per event on the live channel (%d), events published more than once: %d%n",
                        published / (double) n, published, twice);
            }
        }
    }

    private long unpublished(Connection db) throws SQLException {
        try (PreparedStatement s = NamedSql.prepare(
                        db,
                        "SELECT count(*) FROM alerts WHERE event_id = ANY (:ids) AND published_at IS NULL",
                        Params.of("ids", Params.bigints(ids)));
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private void delete(Connection db) throws SQLException {
        try (PreparedStatement alerts = NamedSql.prepare(
                db, "DELETE FROM alerts WHERE event_id = ANY (:ids)", Params.of("ids", Params.bigints(ids)))) {
            alerts.executeUpdate();
        }
        try (PreparedStatement events = NamedSql.prepare(
                db, "DELETE FROM webhook_events WHERE id = ANY (:ids)", Params.of("ids", Params.bigints(ids)))) {
            events.executeUpdate();
        }
    }

    private static Timestamp dbNow(Connection db) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT clock_timestamp()");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getTimestamp(1);
        }
    }

    private static double secondsSince(Connection db, Timestamp then) throws SQLException {
        return (dbNow(db).getTime() - then.getTime()) / 1000.0;
    }

    /** The first {@code push} example of @octokit/webhooks-examples 7.6.1 (MIT), compact: 6,923 bytes. */
    private static String payload() {
        try (InputStream in = DrainRate.class.getResourceAsStream("/payloads/github-push.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("payload resource missing", e);
        }
    }
}
