package dev.opscenter.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SocketLoad opens N live sockets, publishes alerts to Redis at a fixed rate exactly as the worker does, and checks
 * that every socket received every alert exactly once; it times publish → receive on a sample of the sockets and reads
 * the realtime service's memory. With {@code --storm true} every socket then closes and reconnects with
 * {@code since} while publishing goes on, and the same check covers the reconnects.
 */
public final class SocketLoad {
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final int CONNECTS_IN_FLIGHT = 256;

    private final SocketLoadOptions options;
    private final Map<String, Long> publishedNanos = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final List<Page> pages = new ArrayList<>();
    private final HttpClient metrics =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SocketLoad(SocketLoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        SocketLoadOptions options;
        try {
            options = SocketLoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SocketLoadOptions.USAGE);
            System.exit(2);
            return;
        }
        new SocketLoad(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf(
                "target %s, %d sockets, %d alerts/s for %ds%s%n",
                options.ws(),
                options.sockets(),
                options.rate(),
                options.duration().toSeconds(),
                options.storm() ? ", then a reconnect storm" : "");
        EventLoopGroup loops = Epoll.isAvailable()
                ? new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory())
                : new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap()
                .group(loops)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(60))
                .option(ChannelOption.TCP_NODELAY, true);
        for (int i = 0; i < options.sockets(); i++) {
            pages.add(new Page(bootstrap, options.ws(), options.token(), publishedNanos, i < options.sampled()));
        }
        printMemory("before");
        long started = System.nanoTime();
        all(Page::connect);
        System.out.printf("connected  %d sockets in %.1fs%n", pages.size(), (System.nanoTime() - started) / 1e9);
        printMemory("idle");

        try (FeedPublisher publisher = new FeedPublisher(options.redis(), options.prefix())) {
            publishFor(publisher);
            report("steady", drain());
            if (options.storm()) {
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishFor(publisher));
                long stormStarted = System.nanoTime();
                long[] leaving = new long[pages.size()];
                long[] returning = new long[pages.size()];
                Map<Page, Integer> index = new java.util.IdentityHashMap<>();
                pages.forEach(page -> index.put(page, index.size()));
                all(page -> {
                    long left = System.nanoTime();
                    return page.leave().thenCompose(code -> {
                        long back = System.nanoTime();
                        leaving[index.get(page)] = back - left;
                        return page.connect().thenRun(() -> returning[index.get(page)] = System.nanoTime() - back);
                    });
                });
                System.out.printf(
                        "storm      %d sockets closed and reconnected with since in %.1fs%n",
                        pages.size(), (System.nanoTime() - stormStarted) / 1e9);
                System.out.printf(
                        "storm      close handshake %s%n",
                        Percentiles.of(leaving).format());
                System.out.printf(
                        "storm      reconnect       %s%n",
                        Percentiles.of(returning).format());
                publishing.join();
                report("storm", drain());
            }
        }
        printMemory("after");
    }

    /** Runs one step per page, at most CONNECTS_IN_FLIGHT at once, and waits for all of them. */
    private void all(Function<Page, CompletableFuture<?>> step) throws InterruptedException {
        Semaphore slots = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<?>> steps = new ArrayList<>();
        for (Page page : pages) {
            slots.acquire();
            steps.add(step.apply(page).whenComplete((ignored, error) -> slots.release()));
        }
        CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
    }

    private void publishFor(FeedPublisher publisher) {
        long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long lastReport = start;
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            try {
                long n = published.incrementAndGet();
                long before = System.nanoTime();
                publishedNanos.put(publisher.publish(n), before);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf("progress   %d published, %d received in all%n", published.get(), totalReceived());
            }
        }
    }

    /** Waits until every page has every alert or the drain deadline passes; returns the seconds it took. */
    private double drain() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + options.drain().toNanos();
        while (System.nanoTime() < deadline && pages.stream().anyMatch(p -> p.received() < published.get())) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void report(String phase, double drainSeconds) throws IOException, InterruptedException {
        long expected = published.get();
        long complete = pages.stream().filter(p -> p.received() == expected).count();
        long missed = pages.stream()
                .mapToLong(p -> Math.max(0, expected - p.received()))
                .sum();
        long duplicates = pages.stream().mapToLong(Page::duplicates).sum();
        long resyncs = pages.stream().mapToLong(Page::resyncs).sum();
        long closes = pages.stream().mapToLong(Page::serverCloses).sum();
        long retried = pages.stream().mapToLong(Page::failedConnects).sum();
        System.out.printf(
                "%-10s %d alerts published; %d of %d sockets got every one (drained in %.1fs)%n",
                phase, expected, complete, pages.size(), drainSeconds);
        System.out.printf(
                "%-10s missed %d, duplicated %d, resyncs %d, closed by the server %d, connects retried %d%n",
                phase, missed, duplicates, resyncs, closes, retried);
        Samples latencies = new Samples();
        pages.stream().limit(options.sampled()).forEach(page -> page.drainLatencies(latencies));
        System.out.printf(
                "%-10s publish→receive %s (sockets timed: %d)%n",
                phase, Percentiles.of(latencies.toArray()).format(), Math.min(options.sampled(), pages.size()));
        printMemory(phase);
    }

    private long totalReceived() {
        return pages.stream().mapToLong(Page::received).sum();
    }

    private void printMemory(String when) throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder("memory     " + when + ":");
        if (options.pid() > 0) {
            Matcher rss = RSS.matcher(Files.readString(Path.of("/proc/" + options.pid() + "/status")));
            if (rss.find()) {
                line.append(" rss=%.0fMB".formatted(Long.parseLong(rss.group(1)) / 1024.0));
            }
        }
        if (options.metrics() != null) {
            try {
                HttpResponse<String> response = metrics.send(
                        HttpRequest.newBuilder(options.metrics())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException(options.metrics() + " answered " + response.statusCode());
                }
                String text = response.body();
                PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap"))
                        .ifPresent(v -> line.append(" heap=%.0fMB".formatted(v / 1e6)));
                PrometheusText.sum(text, "jvm_buffer_memory_used_bytes", Map.of("id", "direct"))
                        .ifPresent(v -> line.append(" direct=%.0fMB".formatted(v / 1e6)));
                PrometheusText.sum(text, "jvm_threads_live_threads", Map.of())
                        .ifPresent(v -> line.append(" threads=%.0f".formatted(v)));
                PrometheusText.sum(text, "opscenter_realtime_sessions", Map.of())
                        .ifPresent(v -> line.append(" sessions=%.0f".formatted(v)));
                PrometheusText.sum(text, "opscenter_realtime_clients_dropped_total", Map.of())
                        .ifPresent(v -> line.append(" dropped=%.0f".formatted(v)));
            } catch (IOException e) {
                line.append(" (metrics unavailable: ").append(e.getMessage()).append(')');
            }
        }
        System.out.println(line);
    }
}
