package dev.opscenter.e2e.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.opscenter.common.signature.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A webhook peer on 127.0.0.1 that answers 204 to every POST (after a set delay, if any) and keeps each request's
 * headers and raw body.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Duration answerAfter;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();

    /** One request as it arrived: the bytes a signature covers, and the headers (looked up ignoring case). */
    public record Received(String method, String path, Map<String, String> headers, byte[] body) {
        public Headers signatureHeaders() {
            return name -> Optional.ofNullable(headers.get(name));
        }
    }

    private WebhookReceiver(HttpServer server, Duration answerAfter) {
        this.server = server;
        this.answerAfter = answerAfter;
    }

    public static WebhookReceiver start() throws IOException {
        return start(Duration.ZERO);
    }

    /** A receiver that holds each answer this long without holding a thread, so sends overlap as with a real peer. */
    public static WebhookReceiver start(Duration answerAfter) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server, answerAfter);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** Where the worker should POST, e.g. {@code http://127.0.0.1:41234/hooks/orders}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Every request received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        received.add(new Received(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        if (answerAfter.isPositive()) {
            // answered later from the scheduler; the exchange stays open until then
            answers.schedule(() -> answer(exchange), answerAfter.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            answer(exchange);
        }
    }

    private static void answer(HttpExchange exchange) {
        try (exchange) {
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException e) {
            // the sender gave up on this request (a killed worker): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
    }
}
