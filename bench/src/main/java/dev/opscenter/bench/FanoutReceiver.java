package dev.opscenter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FanoutReceiver is the webhook peer of the fan-out run, on 127.0.0.1: it answers 204, checks each request's Standard
 * Webhooks signature, and counts distinct {@code webhook-id}s (a redelivery repeats its id) with first and last arrival.
 */
final class FanoutReceiver implements AutoCloseable {
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService threads;
    private final String secret;
    /** Each distinct webhook-id with the wall-clock time it first arrived. */
    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();

    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final Object arrived = new Object();

    private FanoutReceiver(HttpServer server, ExecutorService threads, String secret) {
        this.server = server;
        this.threads = threads;
        this.secret = secret;
    }

    /** Listens on an ephemeral loopback port; threads bounds concurrent requests (the worker sends from a few threads). */
    static FanoutReceiver start(String secret, int threads) throws IOException {
        return start(secret, threads, InetAddress.getLoopbackAddress());
    }

    /**
     * Listens on an ephemeral port of the given loopback address (on Linux every 127.x.y.z is this host; several
     * receivers on different addresses look like different endpoints to a per-host connection pool).
     */
    static FanoutReceiver start(String secret, int threads, InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 256);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        FanoutReceiver receiver = new FanoutReceiver(server, pool, secret);
        server.setExecutor(pool);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    URI uri() {
        InetSocketAddress at = server.getAddress();
        return URI.create("http://" + at.getAddress().getHostAddress() + ":" + at.getPort() + "/fanout");
    }

    int distinct() {
        return arrivals.size();
    }

    /** Each distinct webhook-id received so far with when it first arrived. */
    Map<String, Instant> arrivals() {
        return Map.copyOf(arrivals);
    }

    int posts() {
        return posts.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    /** nanoTime of the first and the last new notification; 0 before any. */
    long firstNanos() {
        return firstNanos.get();
    }

    long lastNanos() {
        return lastNanos.get();
    }

    /** Waits until count distinct notifications arrived or the deadline (nanoTime) passes; true if they all did. */
    boolean awaitDistinct(int count, long deadlineNanos) throws InterruptedException {
        synchronized (arrived) {
            while (arrivals.size() < count) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(arrived, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
            return true;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            long now = System.nanoTime();
            Instant at = Instant.now();
            posts.incrementAndGet();
            Verification verification = StandardWebhooks.verify(
                    secret,
                    body,
                    name -> Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)),
                    at,
                    TOLERANCE);
            String id = exchange.getRequestHeaders().getFirst(StandardWebhooks.ID_HEADER);
            if (!(verification instanceof Verification.Verified) || id == null) {
                badSignatures.incrementAndGet();
            } else if (arrivals.putIfAbsent(id, at) == null) {
                firstNanos.compareAndSet(0, now);
                lastNanos.accumulateAndGet(now, Math::max);
                synchronized (arrived) {
                    arrived.notifyAll();
                }
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
