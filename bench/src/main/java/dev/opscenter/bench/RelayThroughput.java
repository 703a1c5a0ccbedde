package dev.opscenter.bench;

import dev.opscenter.common.sql.NamedSql;
import dev.opscenter.common.sql.Params;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RelayThroughput measures the relay against a running stack: for each count N of subscriptions per event, it makes
 * N subscriptions to receivers in this process (spread over several loopback addresses, as endpoints on different
 * hosts), then
 *
 * <ol>
 *   <li>a burst: enough triggered events at once for the given number of deliveries; prints deliveries/s from the
 *       first to the last arrival, and how long the whole burst took from the first POST;
 *   <li>a paced run: events at a fixed rate well below that, for some seconds; prints the added latency from the
 *       event processed (its {@code processed_at} in PostgreSQL) to the delivery's arrival at the receiver, p50/p99.
 * </ol>
 *
 * Every receiver checks the Standard Webhooks signature and counts each {@code webhook-id} once; the run reports
 * repeats, bad signatures and every delivery's status from PostgreSQL. What it creates is deleted at the end.
 */
public final class RelayThroughput {
    static final String USAGE = """
            usage: RelayThroughput --url http://127.0.0.1:8080 --token <admin token>
                   [--database jdbc:postgresql://127.0.0.1:5432/opscenter?user=postgres]
                   [--subscriptions 1,10,100] [--deliveries 6000] [--paced-rate 100] [--paced-seconds 20]
                   [--timeout 300]
              --deliveries     deliveries of each burst (events = deliveries / subscriptions)
              --paced-rate     deliveries/s of the paced run (events/s = rate / subscriptions, at least 1)""";

    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    private static final int RECEIVERS = 8;
    private static final int RECEIVER_THREADS = 8;
    private static final int POSTS_IN_FLIGHT = 32;
    private static final int LOOKUPS = 2_000;

    private final Map<String, String> options;
    private final HttpClient http = AdminCalls.client();
    private final AdminCalls admin;
    private final URI url;
    private final String run = "bench-relay-" + Long.toString(System.currentTimeMillis(), 36);
    private final String secret = "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

    RelayThroughput(Map<String, String> options) {
        this.options = options;
        this.url = URI.create(options.get("url"));
        this.admin = new AdminCalls(http, url, options.get("token"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parseOrExit(
                args,
                Map.of(
                        "url", "http://127.0.0.1:8080",
                        "token", "",
                        "database", "jdbc:postgresql://127.0.0.1:5432/opscenter?user=postgres",
                        "subscriptions", "1,10,100",
                        "deliveries", "6000",
                        "paced-rate", "100",
                        "paced-seconds", "20",
                        "timeout", "300"),
                USAGE);
        System.exit(new RelayThroughput(options).run());
    }

    /** One round's receivers and what it created. */
    private record Round(int subscriptions, List<FanoutReceiver> receivers, List<Long> subscriptionIds) {
        int delivered() {
            return receivers.stream().mapToInt(FanoutReceiver::distinct).sum();
        }

        Map<String, Instant> arrivals() {
            Map<String, Instant> all = new HashMap<>();
            receivers.forEach(r -> all.putAll(r.arrivals()));
            return all;
        }
    }

    int run() throws Exception {
        long sourceId = admin.create(
                "/api/event-sources",
                "{\"name\":%s,\"description\":\"RelayThroughput run\",\"raisesAlert\":false}"
                        .formatted(AdminCalls.quote(run)));
        String created = admin.post("/api/api-keys", "{\"name\":%s}".formatted(AdminCalls.quote(run)), 201);
        long keyId = AdminCalls.id(created);
        Matcher key = KEY.matcher(created);
        if (!key.find()) {
            throw new IllegalStateException("no key in the API key answer");
        }
        int failures = 0;
        try (Connection db = DriverManager.getConnection(options.get("database"))) {
            System.out.printf(
                    "target %s, event source %s; burst %s deliveries, paced %s deliveries/s for %ss%n",
                    url, run, options.get("deliveries"), options.get("paced-rate"), options.get("paced-seconds"));
            for (String n : options.get("subscriptions").split(",", -1)) {
                failures += round(Integer.parseInt(n.trim()), key.group(1), db);
            }
        } finally {
            admin.delete("/api/api-keys/" + keyId);
            admin.put("/api/event-sources/" + sourceId, "{\"active\":false}");
        }
        return failures == 0 ? 0 : 1;
    }

    private int round(int n, String apiKey, Connection db) throws Exception {
        List<FanoutReceiver> receivers = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < Math.min(n, RECEIVERS); i++) {
                receivers.add(FanoutReceiver.start(
                        secret, RECEIVER_THREADS, InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i + 1)})));
            }
            for (int i = 0; i < n; i++) {
                ids.add(admin.create(
                        "/api/subscriptions",
                        "{\"name\":%s,\"eventTypes\":[%s],\"url\":%s,\"secret\":%s}"
                                .formatted(
                                        AdminCalls.quote(run + "-" + n + "-" + i),
                                        AdminCalls.quote(run),
                                        AdminCalls.quote(receivers
                                                .get(i % receivers.size())
                                                .uri()
                                                .resolve("/s/" + i)
                                                .toString()),
                                        AdminCalls.quote(secret))));
            }
            Round round = new Round(n, receivers, ids);
            lookup(round, db);
            int burstEvents = Math.max(1, Integer.parseInt(options.get("deliveries")) / n);
            return burst(round, burstEvents, apiKey, db) + paced(round, burstEvents, apiKey, db);
        } finally {
            for (long id : ids) {
                admin.delete("/api/subscriptions/" + id);
            }
            receivers.forEach(FanoutReceiver::close);
        }
    }

    private int burst(Round round, int events, String apiKey, Connection db) throws Exception {
        int expected = events * round.subscriptions();
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        List<Long> eventIds = post(apiKey, events, Duration.ZERO, "burst");
        boolean complete = await(round, events);
        long ended = System.nanoTime();
        Map<String, Instant> arrivals = round.arrivals();
        Instant first = arrivals.values().stream().min(Instant::compareTo).orElse(startedAt);
        Instant last = arrivals.values().stream().max(Instant::compareTo).orElse(startedAt);
        double spread = Math.max(1e-3, Duration.between(first, last).toNanos() / 1e9);
        System.out.printf(
                "%3d subscriptions  burst   %d events -> %d of %d deliveries in %.2fs from the first POST; %.0f deliveries/s first to last arrival%n",
                round.subscriptions(),
                eventIds.size(),
                round.delivered(),
                expected,
                (ended - started) / 1e9,
                arrivals.size() / spread);
        return report(round, db, eventIds, arrivals, complete, expected, "burst");
    }

    private int paced(Round round, int burstEvents, String apiKey, Connection db) throws Exception {
        int before = round.delivered();
        int perSecond = Math.max(1, Integer.parseInt(options.get("paced-rate")) / round.subscriptions());
        int events = perSecond * Integer.parseInt(options.get("paced-seconds"));
        List<Long> eventIds = post(apiKey, events, Duration.ofNanos(1_000_000_000L / perSecond), "paced");
        boolean complete = await(round, burstEvents + events);
        System.out.printf(
                "%3d subscriptions  paced   %d events at %d/s -> %d deliveries (%d/s)%n",
                round.subscriptions(),
                eventIds.size(),
                perSecond,
                round.delivered() - before,
                perSecond * round.subscriptions());
        return report(round, db, eventIds, round.arrivals(), complete, events * round.subscriptions(), "paced");
    }

    /**
     * Times the worker's subscription lookup: DeliveryPlanner reads every active subscription once per transaction
     * that finishes a batch of events (not once per event), with this statement. What a cache would save.
     */
    private static void lookup(Round round, Connection db) throws SQLException {
        long[] nanos = new long[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            long start = System.nanoTime();
            int rows = 0;
            try (PreparedStatement s = NamedSql.prepare(db, """
                            SELECT id, event_types, source_id, conditions::text AS conditions
                              FROM subscriptions WHERE is_active ORDER BY id""", Params.NONE);
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    r.getArray("event_types").getArray();
                    r.getString("conditions");
                    rows++;
                }
            }
            nanos[i] = System.nanoTime() - start;
            if (rows < round.subscriptions()) {
                throw new IllegalStateException("the lookup found " + rows + " active subscriptions");
            }
        }
        System.out.printf(
                "%3d subscriptions  lookup  the planner's read of the active subscriptions, once per batch: %s%n",
                round.subscriptions(), Percentiles.of(nanos).format());
    }

    /** Posts the events, each {@code every} after the previous one (open loop), or all at once; returns their ids. */
    private List<Long> post(String apiKey, int events, Duration every, String phase) throws Exception {
        Semaphore inFlight = new Semaphore(POSTS_IN_FLIGHT);
        List<CompletableFuture<Long>> answers = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = start + every.toNanos() * i;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            inFlight.acquire();
            String body = "{\"event\":%s,\"event_id\":%s,\"payload\":{\"order\":{\"id\":\"%d\"},\"total\":12.5}}"
                    .formatted(AdminCalls.quote(run), AdminCalls.quote(run + "-" + phase + "-" + start + "-" + i), i);
            HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/events"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        inFlight.release();
                        if (error != null || response.statusCode() != 202) {
                            refused.incrementAndGet();
                            return null;
                        }
                        return AdminCalls.id(response.body());
                    }));
        }
        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<Long> answer : answers) {
            Long id = answer.join();
            if (id != null) {
                ids.add(id);
            }
        }
        if (refused.get() > 0) {
            System.out.printf("    %d events not accepted (not 202)%n", refused.get());
        }
        return ids;
    }

    /** Waits until every receiver has its share of the round's events so far: events × the subscriptions it serves. */
    private boolean await(Round round, int eventsSoFar) throws InterruptedException {
        long deadline = System.nanoTime()
                + Duration.ofSeconds(Long.parseLong(options.get("timeout"))).toNanos();
        int n = round.subscriptions();
        int r = round.receivers().size();
        boolean complete = true;
        for (int k = 0; k < r; k++) {
            int served = n / r + (k < n % r ? 1 : 0); // subscription i sends to receiver i mod r
            complete &= round.receivers().get(k).awaitDistinct(eventsSoFar * served, deadline);
        }
        return complete;
    }

    /**
     * Reads the phase's deliveries back: their status, and processed → arrived for each delivered one. Returns 1 when
     * a delivery is missing, repeated, badly signed or not succeeded.
     */
    private int report(
            Round round,
            Connection db,
            List<Long> eventIds,
            Map<String, Instant> arrivals,
            boolean complete,
            int expected,
            String phase)
            throws SQLException, InterruptedException {
        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> statuses = new HashMap<>();
        // the receiver can see a delivery before the sender has recorded its answer: wait for the rows to settle
        long settle = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            latencies.clear();
            statuses.clear();
            readBack(db, round, eventIds, arrivals, latencies, statuses);
            boolean unsettled = statuses.containsKey("sending") || statuses.containsKey("pending");
            if (!unsettled || System.nanoTime() > settle) {
                break;
            }
            Thread.sleep(100);
        }
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        int posts = round.receivers().stream().mapToInt(FanoutReceiver::posts).sum();
        int bad = round.receivers().stream()
                .mapToInt(FanoutReceiver::badSignatures)
                .sum();
        System.out.printf(
                "                   %-7s processed -> delivered %s; rows %s; %d POSTs received in the round, %d bad signatures%n",
                phase, Percentiles.of(nanos).format(), statuses, posts, bad);
        boolean good =
                complete && bad == 0 && statuses.getOrDefault("succeeded", 0) == expected && statuses.size() == 1;
        if (!good) {
            System.out.printf("                   %s: NOT all %d deliveries succeeded once%n", phase, expected);
        }
        return good ? 0 : 1;
    }

    private static void readBack(
            Connection db,
            Round round,
            List<Long> eventIds,
            Map<String, Instant> arrivals,
            List<Long> latencies,
            Map<String, Integer> statuses)
            throws SQLException {
        try (PreparedStatement s = NamedSql.prepare(
                        db,
                        """
                        SELECT d.id, d.status, e.processed_at
                          FROM deliveries d JOIN webhook_events e ON e.id = d.event_id
                         WHERE d.event_id = ANY(:events) AND d.subscription_id = ANY(:subscriptions)""",
                        Params.of("events", Params.bigints(eventIds))
                                .and("subscriptions", Params.bigints(round.subscriptionIds())));
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                statuses.merge(r.getString("status"), 1, Integer::sum);
                Instant arrived = arrivals.get("dlv_" + r.getLong("id"));
                OffsetDateTime processedAt = r.getObject("processed_at", OffsetDateTime.class);
                Instant processed = processedAt == null ? null : processedAt.toInstant();
                if (arrived != null && processed != null) {
                    latencies.add(Duration.between(processed, arrived).toNanos());
                }
            }
        }
    }
}
