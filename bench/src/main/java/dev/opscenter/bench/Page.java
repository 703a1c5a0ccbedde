package dev.opscenter.bench;

import dev.opscenter.common.alert.LiveMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Page is one dashboard page on the live socket, as a browser would run it: it remembers the newest feed id it saw,
 * reconnects with {@code since} when the server closes it, and counts what it got (a batch frame's alerts one by one). Alerts arrive in feed order, so
 * an id at or before the newest one seen is a duplicate, and a page that received as many alerts as were published
 * and no duplicate received each one exactly once.
 */
final class Page {
    private static final String ALERT = "{\"type\":\"alert\",\"id\":\"";
    private static final String RESYNC = "{\"type\":\"resync\"";

    private final HttpClient client;
    private final URI ws;
    private final String token;
    private final Map<String, Long> publishedNanos;
    private final boolean timed;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong serverCloses = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private volatile long newestMillis = -1;
    private volatile long newestSequence = -1;
    private volatile Connection current;

    /** One alert's arrival on a timed page. */
    private record Arrival(String id, long nanos) {
    }

    /** timed: whether this page keeps the arrival time of every alert. */
    Page(HttpClient client, URI ws, String token, Map<String, Long> publishedNanos, boolean timed) {
        this.client = client;
        this.ws = ws;
        this.token = token;
        this.publishedNanos = publishedNanos;
        this.timed = timed;
    }

    /** Opens the socket, from the newest id seen if there is one, retrying every half second until it opens. */
    CompletableFuture<WebSocket> connect() {
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        connectOnce().whenComplete((socket, error) -> {
            if (error == null) {
                opened.complete(socket);
            } else {
                failedConnects.incrementAndGet();
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)
                        .execute(() -> connect().whenComplete((again, ignored) -> opened.complete(again)));
            }
        });
        return opened;
    }

    private CompletableFuture<WebSocket> connectOnce() {
        Connection connection = new Connection();
        current = connection;
        String query = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + (newestMillis < 0 ? "" : "&since=" + newestMillis + "-" + newestSequence);
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
                .buildAsync(URI.create(ws + query), connection);
    }

    /** Closes the socket as a page does (1000) and completes once the server answered, or the connection ended. */
    CompletableFuture<Void> leave() {
        Connection connection = current;
        connection.leaving = true;
        connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        return connection.closed;
    }

    /** Publish → receive of every alert this page timed since the last call. */
    synchronized void drainLatencies(Samples into) {
        for (Arrival arrival : arrivals) {
            Long published = publishedNanos.get(arrival.id());
            if (published != null) {
                into.add(arrival.nanos() - published);
            }
        }
        arrivals.clear();
    }

    long received() {
        return received.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long resyncs() {
        return resyncs.get();
    }

    long serverCloses() {
        return serverCloses.get();
    }

    /** Connection attempts that failed and were tried again. */
    long failedConnects() {
        return failedConnects.get();
    }

    private void alert(String id, long now) {
        int dash = id.indexOf('-');
        long millis = Long.parseLong(id, 0, dash, 10);
        long sequence = Long.parseLong(id, dash + 1, id.length(), 10);
        if (millis < newestMillis || (millis == newestMillis && sequence <= newestSequence)) {
            duplicates.incrementAndGet();
            return;
        }
        newestMillis = millis;
        newestSequence = sequence;
        received.incrementAndGet();
        if (timed) {
            synchronized (this) {
                arrivals.add(new Arrival(id, now));
            }
        }
    }

    private void reconnectSoon() {
        CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(this::connect);
    }

    /** One connection of the page; callbacks of a connection the page has left or replaced change nothing. */
    private final class Connection implements WebSocket.Listener {
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        volatile WebSocket socket;
        volatile boolean leaving;
        private StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last || partial.length() > 0) {
                partial.append(data);
                if (!last) {
                    return null;
                }
                data = partial;
                partial = new StringBuilder();
            }
            String text = data.toString();
            if (text.startsWith(LiveMessage.BATCH_PREFIX)) {
                // the messages of a batch, in order; the bench's alerts hold no text that looks like a message start
                for (int at = text.indexOf(ALERT); at >= 0; at = text.indexOf(ALERT, at + ALERT.length())) {
                    alert(text.substring(at + ALERT.length(), text.indexOf('"', at + ALERT.length())), now);
                }
                if (text.contains(RESYNC)) {
                    resyncs.incrementAndGet();
                }
            } else if (text.startsWith(ALERT)) {
                alert(text.substring(ALERT.length(), text.indexOf('"', ALERT.length())), now);
            } else if (text.startsWith(RESYNC)) {
                resyncs.incrementAndGet();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended();
        }

        private void ended() {
            if (!closed.complete(null) || leaving || current != this) {
                return;
            }
            // the server dropped this page (too slow, going away, cut off): come back from the newest id seen
            serverCloses.incrementAndGet();
            reconnectSoon();
        }
    }
}
