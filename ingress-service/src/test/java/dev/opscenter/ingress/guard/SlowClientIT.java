package dev.opscenter.ingress.guard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that hold the server's resources: a body trickled byte by byte is cut off at the read deadline with 408,
 * one address cannot open more than its share of connections (raw sockets, since HTTP clients do not misbehave on
 * demand), and webhooks beyond the bound on work in progress are answered 503 at once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientIT extends IngressIT {
    static final int CAP = 16; // per address: room for the test client's own connections from 127.0.0.1
    static final int IN_PROGRESS = 8;
    static final String SECRET = "gh-secret-for-tests";

    final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();

    @Inject
    IngestionGate gate;

    @Inject
    SourceRepository sources;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "opscenter.server.request-read-timeout", "1s",
                "opscenter.server.max-connections-per-client", Integer.toString(CAP),
                "opscenter.webhooks.max-in-progress", Integer.toString(IN_PROGRESS));
    }

    @AfterAll
    void stopTrickler() {
        trickler.shutdownNow();
    }

    private Socket connect() throws IOException {
        return connectFrom(InetAddress.getLoopbackAddress());
    }

    /** A connection from this local address: other loopback addresses are other clients to the server. */
    private Socket connectFrom(InetAddress local) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort(), local, 0);
        socket.setSoTimeout(100);
        return socket;
    }

    /** Whether a full share of connections from this address stays open. */
    private boolean fullShareOpen(InetAddress local) throws IOException {
        List<Socket> share = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                share.add(connectFrom(local));
            }
            return !closedByServer(share.get(CAP - 1));
        } finally {
            for (Socket socket : share) {
                socket.close();
            }
        }
    }

    /** Everything the server sends until it closes the connection. */
    private static CompletableFuture<String> readToEnd(Socket socket) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                InputStream in = socket.getInputStream();
                while (true) {
                    try {
                        int n = in.read(buffer);
                        if (n < 0) {
                            return out.toString(StandardCharsets.ISO_8859_1);
                        }
                        out.write(buffer, 0, n);
                    } catch (SocketTimeoutException e) {
                        // still open: keep reading
                    }
                }
            } catch (IOException e) {
                return out.toString(StandardCharsets.ISO_8859_1); // reset by the server: it closed
            }
        });
    }

    /** True once the server has closed the socket; false while it is open and silent. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void trickledBodyIsAnswered408AtTheReadDeadline() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(("POST /api/webhooks/gh HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
            // one byte every 100 ms: never idle, never done
            trickler.scheduleAtFixedRate(
                    () -> {
                        try {
                            socket.getOutputStream().write(' ');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e); // closed by the server: stops the trickle
                        }
                    },
                    100,
                    100,
                    TimeUnit.MILLISECONDS);
            CompletableFuture<String> reply = readToEnd(socket);

            await().atMost(Duration.ofSeconds(5)).until(reply::isDone);
            assertTrue(reply.join().startsWith("HTTP/1.1 408"), reply.join());
        }
    }

    @Test
    void connectionsBeyondTheCapPerClientAreClosed() throws IOException {
        // a client of its own: the test client's pooled connections come from 127.0.0.1
        InetAddress address = InetAddress.getByName("127.0.0.2");
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i <= CAP; i++) {
                sockets.add(connectFrom(address));
            }
            // connections are set up on several event loops: which one is over the cap is not known in advance
            Set<Socket> closed = new HashSet<>();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                for (Socket socket : sockets) {
                    if (!closed.contains(socket) && closedByServer(socket)) {
                        closed.add(socket);
                    }
                }
                return closed.size() == 1;
            });
            for (Socket socket : sockets) {
                assertTrue(closed.contains(socket) || !closedByServer(socket), "connections within the cap stay open");
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        // places are given back when connections close
        await().atMost(Duration.ofSeconds(5)).until(() -> fullShareOpen(address));
    }

    @Test
    void everyAnswerGivesBackItsPlace() {
        for (int i = 0; i < 20; i++) {
            assertEquals(404, client.post("/api/webhooks/nope", "{}", Map.of()).status());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.available() == IN_PROGRESS);
    }

    @Test
    void webhooksBeyondTheBoundInProgressAreAnswered503AtOnce() throws SQLException {
        if (sources.findBySlug("gh").isEmpty()) {
            sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);
        }
        ExecutorService senders = Executors.newFixedThreadPool(IN_PROGRESS);
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try (Connection holder = env.connection();
                Statement s = holder.createStatement()) {
            // hold a delivery's unique key: webhooks carrying it wait inside PostgreSQL, in progress, until we let go
            holder.setAutoCommit(false);
            s.execute("INSERT INTO webhook_events (source_id, delivery_id, raw_body) SELECT id, 'held', ''::bytea"
                    + " FROM webhook_sources WHERE slug = 'gh'");
            for (int i = 0; i < IN_PROGRESS; i++) {
                held.add(CompletableFuture.supplyAsync(() -> webhook("held"), senders));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gate.available() == 0);

            HttpResponse<String> extra = webhook("extra");
            assertEquals(503, extra.statusCode(), extra.body());
            assertTrue(extra.headers().firstValue("Retry-After").isPresent(), "Retry-After");
            assertTrue(extra.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
            holder.rollback();
        } finally {
            senders.shutdown();
        }
        for (CompletableFuture<HttpResponse<String>> reply : held) {
            int status = reply.join().statusCode();
            assertTrue(status == 202 || status == 200, "the held ones are stored once: " + status);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.available() == IN_PROGRESS);
    }

    private HttpResponse<String> webhook(String delivery) {
        return client.githubPing(SECRET, delivery);
    }
}
