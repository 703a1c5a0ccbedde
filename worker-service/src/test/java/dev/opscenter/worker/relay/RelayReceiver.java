package dev.opscenter.worker.relay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * RelayReceiver is a small real HTTP server standing in for subscribers, one path per subscription: it records every
 * request, answers each path from its script of replies (then 200), and can hold a path's answers until released. It
 * answers on a thread per request, so a held path never delays another.
 */
final class RelayReceiver implements AutoCloseable {
    /** One recorded request; headers by lower-case name, the body's bytes as received (never compared as a record). */
    @SuppressWarnings("ArrayRecordComponent")
    record Request(String path, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Both signatures checked with the documented receiver code; the clock is the test's. */
        boolean verifies(String secret, Instant now) throws Exception {
            return ReceiverExample.standardSignatureValid(secret, headers, body, now)
                    && ReceiverExample.plainSignatureValid(secret, headers, body);
        }
    }

    /** A scripted reply. */
    record Reply(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripts = new HashMap<>();
    private final Map<String, CountDownLatch> holds = new HashMap<>();

    RelayReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            try (InputStream in = exchange.getRequestBody()) {
                requests.add(new Request(path, Map.copyOf(headers), in.readAllBytes()));
            }
            CountDownLatch hold;
            Reply reply;
            synchronized (this) {
                hold = holds.get(path);
                Deque<Reply> script = scripts.get(path);
                reply = script == null || script.isEmpty() ? new Reply(200, Map.of(), "ok") : script.poll();
            }
            if (hold != null) {
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized void then(String path, Reply reply) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).add(reply);
    }

    /** Holds every answer on the path until the latch is counted down. */
    synchronized void hold(String path, CountDownLatch until) {
        holds.put(path, until);
    }

    List<Request> to(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<Request> requests() {
        return requests;
    }

    synchronized void reset() {
        requests.clear();
        scripts.clear();
        holds.values().forEach(CountDownLatch::countDown);
        holds.clear();
    }

    @Override
    public void close() {
        reset();
        server.stop(0);
        threads.shutdownNow();
    }
}
