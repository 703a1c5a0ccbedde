package dev.opscenter.bench;

import dev.opscenter.common.signature.GitHubSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
 * IngressLoad posts signed GitHub webhooks for a fixed time and reports ingress latency and POST-to-WebSocket
 * latency, matching each alert's {@code data.eventId} to the id ingress returned. Closed loop by default (each of
 * {@code --concurrency} workers sends when its last request was answered); with {@code --rate} it is an open loop:
 * requests leave on schedule whatever the answers, latencies count from the scheduled instant (so a stalled service
 * is not hidden by a stalled client), and the rows still to process are sampled each second to tell whether the
 * whole platform keeps up at that rate.
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
    /** Event id → when the POST that created it was due, taken up and written ({@link Sent}). */
    private final Map<Long, Sent> sentNanos = new ConcurrentHashMap<>();

    /**
     * The nanoTimes of an accepted POST: due (sent, in a closed loop), taken up by the senders' loop, and written on a
     * connection (all three the same in a closed loop).
     */
    private record Sent(long due, long pickedUp, long written) {}
    /** False while warming up: those requests' events are not matched on the socket. */
    private volatile boolean counting;
    /** One instant on both clocks, to put nanoTime readings on the wall clock the database's timestamps use. */
    private final long anchorNanos = System.nanoTime();

    private final long anchorEpochMicros = epochMicros(Instant.now());

    IngressLoad(LoadOptions options) {
        this.options = options;
        this.counting = options.warmup().isZero();
        this.http = AdminCalls.client();
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
        if (options.ws().isPresent()) {
            try {
                // The socket is open before the first POST so no alert of this run can be missed.
                socket = Optional.of(http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .header("Authorization", options.socketAuthorization())
                        .buildAsync(options.ws().get(), live)
                        .get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                System.err.println("cannot open " + options.ws().get() + ": " + e);
                return 2;
            }
        }
        System.out.printf(
                "target %s, live %s, concurrency %d, duration %ds, cap %d requests%n",
                options.webhookUri(),
                options.ws().map(URI::toString).orElse("none"),
                options.concurrency(),
                options.duration().toSeconds(),
                options.maxRequests());

        if (!options.warmup().isZero()) {
            System.out.printf(
                    "warm-up    %ds at %d webhooks/s (not counted)%n",
                    options.warmup().toSeconds(), options.rate());
            long warmStart = System.nanoTime();
            openLoop(warmStart, warmStart + options.warmup().toNanos(), new Samples());
            counting = true;
        }
        List<Samples> ingress = new ArrayList<>();
        Instant runStart = Instant.now().minusSeconds(1); // the database's clock may be a little behind ours
        long start = System.nanoTime();
        long stopAt = start + options.duration().toNanos();
        Optional<BacklogSampler> backlog = backlog(runStart, start);
        if (options.rate() > 0) {
            Samples samples = new Samples();
            ingress.add(samples);
            openLoop(start, stopAt, samples);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
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
            pool.shutdown();
        }
        long elapsed = System.nanoTime() - start;

        int arrived = 0;
        if (socket.isPresent()) {
            arrived = live.awaitAll(
                    Set.copyOf(sentNanos.keySet()),
                    System.nanoTime() + options.drain().toNanos());
            socket.get().sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        report(elapsed, Samples.merge(ingress), socket.isPresent() ? OptionalInt.of(arrived) : OptionalInt.empty());
        if (backlog.isPresent()) {
            reportBacklog(
                    backlog.get(),
                    elapsed / 1e9,
                    System.nanoTime() + options.drain().toNanos(),
                    start);
            backlog.get().close();
            if (socket.isPresent()) {
                reportStages();
            }
        }
        return 0;
    }

    /** Where each event's POST → frame time went, stage by stage ({@link StageTimes}); after the backlog drained. */
    private void reportStages() {
        Map<Long, long[]> stored;
        try {
            stored = StageTimes.read(options.database().get(), sentNanos.keySet());
        } catch (SQLException e) {
            System.err.println("stage times not read: " + e.getMessage());
            return;
        }
        List<long[]> events = new ArrayList<>(stored.size());
        stored.forEach((eventId, rows) -> {
            Long frame = live.arrivalOf(eventId);
            if (frame != null) {
                Sent sent = sentNanos.get(eventId);
                events.add(new long[] {
                    wallMicros(sent.due()),
                    wallMicros(sent.pickedUp()),
                    wallMicros(sent.written()),
                    rows[0],
                    rows[1],
                    rows[2],
                    rows[3],
                    wallMicros(frame)
                });
            }
        });
        System.out.println(StageTimes.report(events));
    }

    private long wallMicros(long nanos) {
        return anchorEpochMicros + (nanos - anchorNanos) / 1_000;
    }

    private static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private Optional<BacklogSampler> backlog(Instant runStart, long startNanos) {
        if (options.database().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BacklogSampler(options.database().get(), runStart, startNanos));
        } catch (SQLException e) {
            System.err.println("not sampling the backlog (" + e.getMessage() + "); --database none skips it");
            return Optional.empty();
        }
    }

    /**
     * Hands request n to the senders at start + n / rate, without waiting for answers. {@code --concurrency}
     * keep-alive connections ({@link Senders}) carry what is due; a request that waits for a free connection counts
     * that wait in its latency, as a provider's retry queue would feel it.
     */
    private void openLoop(long start, long stopAt, Samples samples) throws InterruptedException {
        long interval = 1_000_000_000L / options.rate();
        Senders.Answers answers = new Senders.Answers() {
            @Override
            public void answered(
                    Senders.Outgoing request, long pickedUpNanos, long writtenNanos, int status, String body) {
                synchronized (samples) {
                    samples.add(System.nanoTime() - request.dueNanos());
                }
                accepted(status, body, request.dueNanos(), pickedUpNanos, writtenNanos);
            }

            @Override
            public void failed(Senders.Outgoing request, Throwable error) {
                errors.computeIfAbsent(error.getClass().getSimpleName(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        };
        try (Senders senders = new Senders(options.webhookUri(), options.concurrency(), answers)) {
            for (int n = 0; n < options.maxRequests(); n++) {
                long due = start + n * interval;
                if (due >= stopAt) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                byte[] body = WorkflowRunPayload.body(runBase + n, 0, options.bodyBytes());
                senders.send(new Senders.Outgoing(headers(body), body, due));
            }
            if (!senders.awaitIdle(60, TimeUnit.SECONDS)) {
                errors.computeIfAbsent("not answered within 60 s of the last send", k -> new AtomicInteger())
                        .incrementAndGet();
            }
        }
    }

    private void reportBacklog(BacklogSampler sampler, double loadSeconds, long deadlineNanos, long startNanos)
            throws InterruptedException {
        // wait for the rows of the run to be processed, as long as the drain allows
        while (System.nanoTime() < deadlineNanos) {
            List<BacklogSampler.Sample> samples = sampler.samples();
            if (!samples.isEmpty()
                    && samples.get(samples.size() - 1).seconds() > loadSeconds
                    && samples.get(samples.size() - 1).waiting() == 0) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        List<BacklogSampler.Sample> samples = sampler.samples();
        long atEnd = samples.stream()
                .filter(s -> s.seconds() <= loadSeconds)
                .reduce((a, b) -> b)
                .map(BacklogSampler.Sample::waiting)
                .orElse(0L);
        long peak =
                samples.stream().mapToLong(BacklogSampler.Sample::waiting).max().orElse(0);
        double slope = BacklogSampler.slope(samples, loadSeconds / 2, loadSeconds);
        Optional<Double> drained = samples.stream()
                .filter(s -> s.seconds() > loadSeconds && s.waiting() == 0)
                .map(s -> s.seconds() - loadSeconds)
                .findFirst();
        System.out.printf(
                "backlog    rows to process: %d when the load stopped, peak %d; growth over the second half %+.1f rows/s; %s%n",
                atEnd,
                peak,
                slope,
                drained.map(d -> String.format("all processed %.1fs after the load", d))
                        .orElse("NOT all processed within the drain"));
        if (options.rate() > 0) {
            double scheduled = options.duration().toNanos() / 1e9;
            System.out.printf(
                    "verdict    %s at %d webhooks/s%n",
                    keptUp(options.rate(), scheduled, loadSeconds, slope, drained.isPresent())
                            ? "kept up"
                            : "fell behind",
                    options.rate());
        }
    }

    /**
     * Whether the platform kept up with an open loop: the answers came within the schedule (the ingress did not queue
     * the load in its senders), the backlog of unprocessed rows did not grow by more than 1 % of the rate (or
     * 1 row/s) over the second half, and everything was processed within the drain.
     */
    static boolean keptUp(
            int rate, double scheduledSeconds, double answeredSeconds, double backlogSlope, boolean drained) {
        boolean answeredOnTime = answeredSeconds <= scheduledSeconds * 1.02 + 1;
        return answeredOnTime && drained && backlogSlope <= Math.max(1.0, rate * 0.01);
    }

    private HttpRequest request(long runId, int worker) {
        byte[] body = WorkflowRunPayload.body(runId, worker, options.bodyBytes());
        HttpRequest.Builder request = HttpRequest.newBuilder(options.webhookUri())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers(body).forEach(request::header);
        return request.build();
    }

    /** A GitHub delivery's headers for this body: a fresh delivery id and its signature. */
    private Map<String, String> headers(byte[] body) {
        return Map.of(
                "User-Agent",
                "GitHub-Hookshot/opscenter-bench",
                "X-GitHub-Event",
                WorkflowRunPayload.EVENT,
                "X-GitHub-Delivery",
                UUID.randomUUID().toString(),
                GitHubSignature.HEADER,
                GitHubSignature.sign(options.secret(), body));
    }

    private void accepted(int status, String body, long sent, long pickedUp, long written) {
        if (status == 202) {
            Matcher id = ACCEPTED_ID.matcher(body);
            if (id.find() && counting) {
                sentNanos.put(Long.parseLong(id.group(1)), new Sent(sent, pickedUp, written));
            }
        } else {
            errors.computeIfAbsent("HTTP " + status, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void drive(int worker, long stopAt, Samples samples) {
        int n;
        while (System.nanoTime() < stopAt && (n = issued.incrementAndGet()) <= options.maxRequests()) {
            HttpRequest request = request(runBase + n, worker);
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                samples.add(System.nanoTime() - sent);
                accepted(response.statusCode(), response.body(), sent, sent, sent);
            } catch (IOException e) {
                errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                        .incrementAndGet();
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
                endToEnd.add(at - sent.due());
            }
        });
        System.out.printf(
                "requests   %d in %.2fs (%.1f req/s)%n", ingressNanos.length, seconds, ingressNanos.length / seconds);
        System.out.printf("accepted   %d (%.1f/s)%n", accepted, accepted / seconds);
        System.out.printf("errors     %s%n", errors.isEmpty() ? "none" : new TreeMap<>(errors));
        System.out.printf("ingress    %s%n", Percentiles.of(ingressNanos).format());
        if (arrived.isEmpty()) {
            System.out.println("end-to-end not measured (--ws none)");
            return;
        }
        System.out.printf("end-to-end %s%n", Percentiles.of(endToEnd.toArray()).format());
        System.out.printf(
                "alerts     %d of %d arrived on the socket within the %ds drain (other messages: %d)%n",
                arrived.getAsInt(), accepted, options.drain().toSeconds(), live.otherMessages());
    }
}
