package dev.opscenter.e2e.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A dashboard-like client of realtime /ws that records every JSON message it receives. It signs in as automation
 * does, with the admin token in the Authorization header (a page uses a ticket instead).
 */
final class LiveSocket implements AutoCloseable {
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    private LiveSocket(HttpClient http, URI uri) throws Exception {
        this.socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + Webhooks.ADMIN_TOKEN)
                .buildAsync(uri, new Recorder())
                .get(10, TimeUnit.SECONDS);
    }

    static LiveSocket connect(HttpClient http, URI uri) throws Exception {
        return new LiveSocket(http, uri);
    }

    /** Waits for the first alert whose data.eventId is eventId and returns the whole message. */
    JsonNode awaitAlertFor(long eventId, Duration deadline) {
        return await(
                "an alert for event " + eventId,
                deadline,
                m -> "alert".equals(m.path("type").asText())
                        && m.path("data").path("eventId").asLong() == eventId);
    }

    JsonNode await(String what, Duration deadline, Predicate<JsonNode> matching) {
        return Awaitility.await(what + " on the socket")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> messages.stream().filter(matching).findFirst().orElse(null), m -> m != null);
    }

    /** Every alert message received so far, in arrival order. */
    List<JsonNode> alerts() {
        return messages.stream()
                .filter(m -> "alert".equals(m.path("type").asText()))
                .toList();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
        socket.abort();
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = Webhooks.json(partial.toString());
                if ("batch".equals(message.path("type").asText())) {
                    message.path("messages").forEach(messages::add); // read as the page reads it
                } else {
                    messages.add(message);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
