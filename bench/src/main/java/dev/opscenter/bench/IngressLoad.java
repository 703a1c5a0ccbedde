package dev.opscenter.bench;

import dev.opscenter.common.signature.GitHubSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IngressLoad posts signed GitHub webhooks from concurrent workers for a fixed time and reports ingress latency and
 * POST-to-WebSocket latency, matching each alert's {@code data.eventId} to the id ingress returned.
 */
public final class IngressLoad {
    private static final Pattern ACCEPTED_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final LoadOptions options;
    private final HttpClient http;
    private final LiveListener live = new LiveListener();
    private final AtomicInteger issued = new AtomicInteger();
    /** Keeps workflow run ids distinct between runs, as they would be on GitHub. */
    private final long runBase = System.currentTimeMillis() * 1_000;
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    /** Event id → nanoTime the POST that created it was sent. */
    private final Map<Long, Long> sentNanos = new ConcurrentHashMap<>();

    IngressLoad(LoadOptions options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(64);
            return;
        }
        System.exit(new IngressLoad(options).run());
    }

    int run() throws Exception {
        Optional<WebSocket> socket = Optional.empty();
        if (options.liveUri().isPresent()) {
            try {
                // The socket is open before the first POST so no alert of this run can be missed.
                socket = Optional.of(http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(options.liveUri().get(), live)
                        .get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                System.err.println("cannot open " + options.ws().get() + ": " + e);
                return 2;
            }
        }
        System.out.printf("target %s, live %s, concurrency %d, duration %ds, cap %d requests%n",
                options.webhookUri(), options.ws().map(URI::toString).orElse("none"), options.concurrency(),
                options.duration().toSeconds(), options.maxRequests());

        List<Samples> ingress = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
        long start = System.nanoTime();
        long stopAt = start + options.duration().toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < options.concurrency(); w++) {
            Samples samples = new Samples();
            ingress.add(samples);
            int worker = w;
            running.add(pool.submit(() -> drive(worker, stopAt, samples)));
        }
        for (Future<?> f : running) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();

        int arrived = 0;
        if (socket.isPresent()) {
            arrived = live.awaitAll(Set.copyOf(sentNanos.keySet()), System.nanoTime() + options.drain().toNanos());
            socket.get().sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        report(elapsed, Samples.merge(ingress), socket.isPresent() ? OptionalInt.of(arrived) : OptionalInt.empty());
        return 0;
    }

    private void drive(int worker, long stopAt, Samples samples) {
        int n;
        while (System.nanoTime() < stopAt && (n = issued.incrementAndGet()) <= options.maxRequests()) {
            long runId = runBase + n;
            byte[] body = WorkflowRunPayload.body(runId, worker);
            HttpRequest request = HttpRequest.newBuilder(options.webhookUri())
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "GitHub-Hookshot/opscenter-bench")
                    .header("X-GitHub-Event", WorkflowRunPayload.EVENT)
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header(GitHubSignature.HEADER, GitHubSignature.sign(options.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                samples.add(System.nanoTime() - sent);
                if (response.statusCode() == 202) {
                    Matcher id = ACCEPTED_ID.matcher(response.body());
                    if (id.find()) {
                        sentNanos.put(Long.parseLong(id.group(1)), sent);
                    }
                } else {
                    errors.computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                }
            } catch (IOException e) {
                errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void report(long elapsedNanos, long[] ingressNanos, OptionalInt arrived) {
        int accepted = sentNanos.size();
        double seconds = elapsedNanos / 1e9;
        Samples endToEnd = new Samples();
        sentNanos.forEach((eventId, sent) -> {
            Long at = live.arrivalOf(eventId);
            if (at != null) {
                endToEnd.add(at - sent);
            }
        });
        System.out.printf("requests   %d in %.2fs (%.1f req/s)%n", ingressNanos.length, seconds, ingressNanos.length / seconds);
        System.out.printf("accepted   %d (%.1f/s)%n", accepted, accepted / seconds);
        System.out.printf("errors     %s%n", errors.isEmpty() ? "none" : new TreeMap<>(errors));
        System.out.printf("ingress    %s%n", Percentiles.of(ingressNanos).format());
        if (arrived.isEmpty()) {
            System.out.println("end-to-end not measured (--ws none)");
            return;
        }
        System.out.printf("end-to-end %s%n", Percentiles.of(endToEnd.toArray()).format());
        System.out.printf("alerts     %d of %d arrived on the socket within the %ds drain (other messages: %d)%n",
                arrived.getAsInt(), accepted, options.drain().toSeconds(), live.otherMessages());
    }
}
