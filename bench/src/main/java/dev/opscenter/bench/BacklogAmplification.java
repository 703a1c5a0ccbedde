package dev.opscenter.bench;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.sql.NamedSql;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.startup.DevSecrets;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BacklogAmplification measures whether a backlog grows copies: against a running ingress whose worker is stopped it
 * posts N signed webhooks, waits across several sweep intervals and counts the events-stream entries that carry
 * those events (one each is no amplification); then, once the worker runs again, how many were processed and how
 * many took more than one attempt.
 */
public final class BacklogAmplification {
    static final String USAGE = """
            usage: BacklogAmplification [--url http://127.0.0.1:8080/api/webhooks/github] [--secret <dev github secret>]
                                        [--events 3000] [--concurrency 16] [--wait 60] [--drain 120]
                                        [--redis redis://127.0.0.1:6379] [--prefix opscenter:]
                                        [--database jdbc:postgresql://127.0.0.1:5432/opscenter]
              --wait   seconds to wait with the worker stopped after the last POST (several sweep intervals)
              --drain  seconds to wait afterwards for the restarted worker to process them (0: skip)""";
    private static final Pattern ACCEPTED_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final int PAGE = 10_000;

    private final Map<String, String> options;
    private final HttpClient http = AdminCalls.client();
    private final Set<Long> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    BacklogAmplification(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parseOrExit(
                args,
                Map.of(
                        "url",
                        "http://127.0.0.1:8080/api/webhooks/github",
                        "secret",
                        DevSecrets.load().sourceSecret("github"),
                        "events",
                        "3000",
                        "concurrency",
                        "16",
                        "wait",
                        "60",
                        "drain",
                        "120",
                        "redis",
                        "redis://127.0.0.1:6379",
                        "prefix",
                        "opscenter:",
                        "database",
                        "jdbc:postgresql://127.0.0.1:5432/opscenter"),
                USAGE);
        System.exit(new BacklogAmplification(options).run());
    }

    int run() throws Exception {
        RedisClient client = RedisClient.create(options.get("redis"));
        try (var connection = client.connect();
                Connection db = DriverManager.getConnection(options.get("database"))) {
            RedisCommands<String, String> redis = connection.sync();
            String stream = options.get("prefix") + "events";
            String from = redis.exists(stream) == 0 ? "0-0" : lastGenerated(redis, stream);
            int events = Integer.parseInt(options.get("events"));

            long start = System.nanoTime();
            post(events, Integer.parseInt(options.get("concurrency")));
            System.out.printf(
                    "posted     %d, accepted %d, refused %d in %.1fs%n",
                    issued.get(), accepted.size(), refused.get(), (System.nanoTime() - start) / 1e9);

            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(options.get("wait")));
            while (System.nanoTime() < waitUntil) {
                TimeUnit.SECONDS.sleep(
                        Math.min(10, Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitUntil - System.nanoTime()))));
                report("waiting", redis, stream, from, start);
            }
            long entries = report("after wait", redis, stream, from, start);
            System.out.printf(
                    "amplification %.4f entries per event; entries beyond one per event: %d (%.2f%% of events)%n",
                    entries / (double) accepted.size(),
                    entries - accepted.size(),
                    100.0 * (entries - accepted.size()) / accepted.size());

            long drain = Long.parseLong(options.get("drain"));
            if (drain > 0) {
                System.out.println(
                        "start the worker now (bin/opscenter up); waiting up to " + drain + "s for processing");
                drain(db, drain);
                report("drained", redis, stream, from, start);
            }
            return 0;
        } finally {
            client.shutdown();
        }
    }

    private void post(int events, int concurrency) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long runBase = System.currentTimeMillis() * 1_000;
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            pool.submit(() -> {
                int n;
                while ((n = issued.incrementAndGet()) <= events) {
                    postOne(runBase + n, worker);
                }
                issued.decrementAndGet();
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    private void postOne(long runId, int worker) {
        byte[] body = WorkflowRunPayload.body(runId, worker);
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.get("url")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", WorkflowRunPayload.EVENT)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header(GitHubSignature.HEADER, GitHubSignature.sign(options.get("secret"), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher id = ACCEPTED_ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                accepted.add(Long.parseLong(id.group(1)));
            } else {
                refused.incrementAndGet();
            }
        } catch (IOException e) {
            refused.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints and returns how many stream entries added since {@code from} carry this run's events. */
    private long report(String phase, RedisCommands<String, String> redis, String stream, String from, long start) {
        long ours = 0;
        long others = 0;
        String after = from;
        List<StreamMessage<String, String>> page;
        do {
            page = redis.xrange(
                    stream, Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded()), Limit.from(PAGE));
            for (StreamMessage<String, String> entry : page) {
                String id = entry.getBody().get("id");
                if (id != null && accepted.contains(Long.parseLong(id))) {
                    ours++;
                } else {
                    others++;
                }
                after = entry.getId();
            }
        } while (page.size() == PAGE);
        System.out.printf(
                "%-10s t=%5.0fs  stream entries for the %d events: %d (%.3f per event), other entries %d, stream length %d%n",
                phase,
                (System.nanoTime() - start) / 1e9,
                accepted.size(),
                ours,
                ours / (double) accepted.size(),
                others,
                redis.xlen(stream));
        return ours;
    }

    private void drain(Connection db, long seconds) throws SQLException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (PreparedStatement s = NamedSql.prepare(db, """
                SELECT count(*) FILTER (WHERE e.status = 'processed'), count(*) FILTER (WHERE e.attempts > 1),
                       (SELECT count(*) FROM alerts a WHERE a.event_id = ANY (:ids)), count(*) FILTER (WHERE e.status = 'failed')
                  FROM webhook_events e WHERE e.id = ANY (:ids)""", Params.of("ids", Params.bigints(accepted)))) {
            long processed;
            do {
                TimeUnit.SECONDS.sleep(2);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    processed = r.getLong(1);
                    System.out.printf(
                            "processed  %d of %d, more than one attempt %d, alerts %d, failed %d%n",
                            processed, accepted.size(), r.getLong(2), r.getLong(3), r.getLong(4));
                }
            } while (processed < accepted.size() && System.nanoTime() < until);
        }
    }

    private static String lastGenerated(RedisCommands<String, String> redis, String stream) {
        List<Object> info = redis.xinfoStream(stream);
        return String.valueOf(info.get(info.indexOf("last-generated-id") + 1));
    }
}
