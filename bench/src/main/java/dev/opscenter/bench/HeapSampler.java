package dev.opscenter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * HeapSampler polls, at a fixed rate, the worker's heap in use ({@code jvm_memory_used_bytes{area="heap"}} summed over
 * its memory pools, from /prometheus, and the old generation's pool alone) and, once the event is known, the fan-out's progress from the admin API.
 */
final class HeapSampler implements AutoCloseable {
    private static final String USED = "jvm_memory_used_bytes";
    /** The old generation's pool under G1, Serial and Parallel GC: what survives young collections. */
    private static final Pattern OLD_POOL = Pattern.compile("Old Gen|Tenured Gen");

    /** Heap in use: all heap pools, and the old generation alone (NaN if no pool is recognised). */
    record Heap(double usedBytes, double oldBytes) {}

    /** One poll; progress is empty before the event is posted or the worker started its fan-out. */
    record Sample(long nanos, Heap heap, Optional<FanoutProgress> progress, int received) {
        double heapBytes() {
            return heap.usedBytes();
        }
    }

    private final HttpClient http;
    private final HttpRequest metrics;
    private final AdminCalls admin;
    private final IntSupplier received;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicLong eventId = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    HeapSampler(HttpClient http, URI worker, AdminCalls admin, IntSupplier received) {
        this.http = http;
        this.metrics = HttpRequest.newBuilder(worker.resolve("/prometheus"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        this.admin = admin;
        this.received = received;
    }

    /** The worker's heap in use now; fails when the worker or the metric is missing. */
    Heap heap() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(metrics, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metrics.uri() + " answered " + response.statusCode());
        }
        List<PrometheusText.Sample> pools = PrometheusText.samples(response.body(), USED).stream()
                .filter(s -> "heap".equals(s.labels().get("area")))
                .toList();
        double used = PrometheusText.sum(pools, s -> true)
                .orElseThrow(() -> new IOException("no " + USED + "{area=\"heap\"} at " + metrics.uri()));
        double old = PrometheusText.sum(
                        pools,
                        s -> OLD_POOL.matcher(s.labels().getOrDefault("id", "")).find())
                .orElse(Double.NaN);
        return new Heap(used, old);
    }

    void start(Duration every) {
        timer.scheduleAtFixedRate(this::poll, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** From now on each poll also reads the fan-out of this event. */
    void follow(long event) {
        eventId.set(event);
    }

    /** Takes one sample now, outside the schedule, and keeps it. */
    Sample sampleNow() throws IOException, InterruptedException {
        Sample sample = new Sample(System.nanoTime(), heap(), progress(), received.getAsInt());
        synchronized (samples) {
            samples.add(sample);
        }
        return sample;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Polls that failed (worker busy past the timeout, or unreachable); they leave gaps, not zeros. */
    long failures() {
        return failures.get();
    }

    private void poll() {
        try {
            sampleNow();
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<FanoutProgress> progress() throws IOException, InterruptedException {
        long event = eventId.get();
        return event == 0
                ? Optional.empty()
                : FanoutProgress.parse(admin.get("/api/notification-fanouts?eventId=" + event));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
