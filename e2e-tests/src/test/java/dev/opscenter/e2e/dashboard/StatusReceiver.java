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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A webhook peer on 127.0.0.1 whose answer to every POST the test chooses, e.g. 400 first and 200 later, for a test
 * class: {@code @RegisterExtension static final StatusReceiver RECEIVER = new StatusReceiver(400);} runs it from before
 * the class's {@code @BeforeAll} methods until after its tests.
 */
final class StatusReceiver implements BeforeAllCallback, AfterAllCallback {
    private final AtomicInteger status;
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    StatusReceiver(int initialStatus) {
        this.status = new AtomicInteger(initialStatus);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop(0);
        }
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
}
