package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Senders against a real HTTP server: what each answer says about when its request was taken up and written. */
class SendersTest {
    private HttpServer server;
    /** Lets the server answer its first request; until then the only connection stays busy. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final CountDownLatch firstArrived = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.equals("first")) {
                firstArrived.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = ("got " + body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** One answer as the senders reported it, with when it came. */
    record Answer(String body, long pickedUp, long written, long answeredAt) {}

    @Test
    void aRequestWaitingForTheOnlyConnectionIsWrittenAfterTheAnswerThatFreesIt() throws Exception {
        List<Answer> answers = new CopyOnWriteArrayList<>();
        URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        try (Senders senders = new Senders(target, 1, new Senders.Answers() {
            @Override
            public void answered(
                    Senders.Outgoing request, long pickedUpNanos, long writtenNanos, int status, String body) {
                answers.add(new Answer(body, pickedUpNanos, writtenNanos, System.nanoTime()));
            }

            @Override
            public void failed(Senders.Outgoing request, Throwable error) {
                answers.add(new Answer("failed: " + error, 0, 0, 0));
            }
        })) {
            long due = System.nanoTime();
            senders.send(new Senders.Outgoing(Map.of(), "first".getBytes(StandardCharsets.UTF_8), due));
            assertTrue(firstArrived.await(10, TimeUnit.SECONDS), "the first request reached the server");
            senders.send(new Senders.Outgoing(Map.of(), "second".getBytes(StandardCharsets.UTF_8), due));
            release.countDown();
            assertTrue(senders.awaitIdle(10, TimeUnit.SECONDS));

            assertEquals(
                    List.of("got first", "got second"),
                    answers.stream().map(Answer::body).toList());
            Answer first = answers.get(0);
            Answer second = answers.get(1);
            assertTrue(due <= first.pickedUp() && first.pickedUp() <= first.written(), "taken up, then written");
            assertTrue(due <= second.pickedUp() && second.pickedUp() <= second.written(), "taken up, then written");
            assertTrue(
                    second.written() >= first.answeredAt(),
                    "the second was written only once the first's answer freed the only connection");
        }
    }
}
