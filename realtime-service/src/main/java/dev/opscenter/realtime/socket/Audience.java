package dev.opscenter.realtime.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Audience is every open socket of this instance; the fan-out and the heartbeat broadcast to it. */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class Audience implements GracefulShutdownCapable {
    private static final Logger LOG = LoggerFactory.getLogger(Audience.class);

    /** How long shutdown waits for pages to answer the close; one round trip for a page that is reading. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Map<String, Viewer> viewers = new ConcurrentHashMap<>();
    private final int capacity;
    private final Counter forwarded;
    private final Counter dropped;

    Audience(SocketSettings settings, MeterRegistry registry) {
        this.capacity = settings.outboundCapacity();
        this.forwarded = Counter.builder("opscenter.realtime.messages.forwarded")
                .description("Live messages (including catch-up) handed to a socket").register(registry);
        this.dropped = Counter.builder("opscenter.realtime.clients.dropped")
                .description("Sockets closed because they fell behind").tag("reason", "slow").register(registry);
        Gauge.builder("opscenter.realtime.sessions", viewers, Map::size)
                .description("Open live sockets").register(registry);
    }

    /** Sends a frame to every open socket; a socket too far behind is dropped rather than waited for. */
    public void broadcast(Frame frame) {
        viewers.forEach((id, viewer) -> {
            if (!viewer.offer(frame)) {
                viewers.remove(id, viewer);
            }
        });
    }

    /** Adds a socket; one that will catch up first holds live frames until {@link Viewer#goLive} is called. */
    Viewer join(WebSocketSession session, boolean catchingUp) {
        Viewer viewer = new Viewer(Outlet.of(session), capacity, catchingUp, forwarded, dropped);
        viewers.put(session.getId(), viewer);
        return viewer;
    }

    /** Removes a socket that closed. */
    void leave(WebSocketSession session) {
        Viewer viewer = viewers.remove(session.getId());
        if (viewer != null) {
            viewer.closed();
        }
    }

    /** Removes a socket that fell behind during its catch-up. */
    void forget(WebSocketSession session, Viewer viewer) {
        viewers.remove(session.getId(), viewer);
    }

    /**
     * Tells every page the instance is going away (1001), so it reconnects, likely to another instance. Returns
     * only once the sockets have closed (or {@link #CLOSE_WAIT} passed): this bean shuts down first, and the
     * server's own graceful shutdown, which comes next, cuts open sockets off without a close frame (1006).
     */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        CompletableFuture<Void> gone = CompletableFuture.allOf(closeAll().toArray(CompletableFuture[]::new));
        try {
            gone.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Some live sockets did not close in {}; the server cuts them off", CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Without graceful shutdown enabled this is the last chance, though the server may already be gone. */
    @PreDestroy
    void close() {
        closeAll();
    }

    private List<CompletableFuture<Void>> closeAll() {
        if (!viewers.isEmpty()) {
            LOG.info("Closing {} live sockets: going away", viewers.size());
        }
        return viewers.values().stream().map(viewer -> {
            viewer.close(CloseReason.GOING_AWAY);
            return viewer.gone();
        }).toList();
    }
}
