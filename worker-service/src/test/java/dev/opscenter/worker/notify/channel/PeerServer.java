package dev.opscenter.worker.notify.channel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.opscenter.common.net.OutboundPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * PeerServer stands in for Slack, Telegram, Twilio or a webhook receiver: a real HTTP server on a free loopback port
 * that records every request and answers as scripted (queued replies first, then the default reply).
 */
public final class PeerServer implements AutoCloseable {
    /** A fixed clock for the senders, so Retry-After dates and webhook timestamps are exact. */
    public static final Clock CLOCK =
            Clock.fixed(java.time.Instant.parse("2025-03-01T12:00:00Z"), java.time.ZoneOffset.UTC);
    /** The outbound allow-list of the sender tests: peers listen on loopback, which production never reaches. */
    public static final OutboundPolicy LOOPBACK_ALLOWED = new OutboundPolicy(List.of("127.0.0.0/8", "::1/128"));
    /** Short timeouts so a stalled peer fails a test quickly. */
    public static final ChannelHttpSettings FAST =
            new ChannelHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500));

    /** A received request; header names are lower-cased. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /** A scripted reply. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }

        public Reply with(String header, String value) {
            Map<String, String> all = new TreeMap<>(headers);
            all.put(header, value);
            return new Reply(status, all, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Function<Request, Reply>> queued = new ConcurrentLinkedDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Request, Reply> fallback = r -> Reply.of(200, "ok");

    private PeerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The channel HTTP client of the sender tests, allowed to reach loopback peers. */
    public static ChannelHttp http() {
        return new ChannelHttp(FAST, LOOPBACK_ALLOWED, CLOCK);
    }

    public static PeerServer start() {
        try {
            return new PeerServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** http://127.0.0.1:port */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** Answers the next requests with these replies, in order. */
    public PeerServer reply(Reply... replies) {
        for (Reply r : replies) {
            queued.add(request -> r);
        }
        return this;
    }

    /** Answers every request not covered by a queued reply. */
    public PeerServer byDefault(Function<Request, Reply> reply) {
        this.fallback = reply;
        return this;
    }

    /** Holds the next request without answering until the server closes: a peer slower than any client timeout. */
    public PeerServer stall() {
        queued.add(request -> {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.of(200, "too late");
        });
        return this;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                exchange.getRequestBody().readAllBytes());
        requests.add(request);
        Function<Request, Reply> next = queued.poll();
        Reply reply = (next != null ? next : fallback).apply(request);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** A URL on which nothing listens: the port of a server that was started and stopped. */
    public static String refusedBaseUrl() {
        try (PeerServer gone = start()) {
            return gone.baseUrl();
        }
    }
}
