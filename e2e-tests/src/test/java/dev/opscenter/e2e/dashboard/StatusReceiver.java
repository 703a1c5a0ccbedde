package dev.opscenter.e2e.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook peer on 127.0.0.1 whose answer to every POST the test chooses, e.g. 400 first and 200 later. */
final class StatusReceiver implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger status;
    private final AtomicInteger requests = new AtomicInteger();

    private StatusReceiver(HttpServer server, int initialStatus) {
        this.server = server;
        this.status = new AtomicInteger(initialStatus);
    }

    static StatusReceiver start(int initialStatus) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StatusReceiver receiver = new StatusReceiver(server, initialStatus);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** What every following request is answered with. */
    void answer(int newStatus) {
        status.set(newStatus);
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            requests.incrementAndGet();
            int answer = status.get();
            byte[] text = (answer >= 400 ? "refused by the test receiver" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, text.length);
            exchange.getResponseBody().write(text);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
