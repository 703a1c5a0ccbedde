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
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audience is every open socket of this instance; the fan-out and the heartbeat broadcast to it. Sockets are grouped
 * by the thread that writes to them ({@link Outlet#loop()}). A broadcast queues the frame for each group; a group runs
 * a round on its thread at most once per window (its sockets ÷ {@code loop-writes} seconds, at most
 * {@code batch-window}), handing each of its sockets every frame queued since
 * the last round, joined into one write. So the writes need no task or future of their own, a socket costs one write
 * per round however fast alerts come, and one socket's failure never reaches another's delivery.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class Audience implements GracefulShutdownCapable {
    private static final Logger LOG = LoggerFactory.getLogger(Audience.class);

    /** How long shutdown waits for pages to answer the close; one round trip for a page that is reading. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Map<WebSocketSession, Viewer> viewers = new ConcurrentHashMap<>();
    private final Map<Executor, Group> groups = new ConcurrentHashMap<>();
    private final Function<WebSocketSession, Outlet> outlets;
    private final int holdCapacity;
    private final long windowNanos;
    private final long nanosPerWrite;
    private final Clock clock;
    private final Counter forwarded;
    private final Counter dropped;
    private volatile Instant lastBroadcast;

    @Inject
    Audience(SocketSettings settings, MeterRegistry registry, Clock clock) {
        this(session -> NettyOutlet.of(session, settings.writeTimeout()), settings, registry, clock);
    }

    Audience(Function<WebSocketSession, Outlet> outlets, SocketSettings settings, MeterRegistry registry, Clock clock) {
        this.outlets = outlets;
        this.holdCapacity = settings.outboundCapacity();
        this.windowNanos = settings.batchWindow().toNanos();
        this.nanosPerWrite = TimeUnit.SECONDS.toNanos(1) / settings.loopWrites();
        this.clock = clock;
        this.lastBroadcast = clock.instant();
        this.forwarded = Counter.builder("opscenter.realtime.messages.forwarded")
                .description("Live messages (including catch-up) handed to a socket")
                .register(registry);
        this.dropped = Counter.builder("opscenter.realtime.clients.dropped")
                .description("Sockets closed because they fell behind")
                .tag("reason", "slow")
                .register(registry);
        Gauge.builder("opscenter.realtime.sessions", viewers, Map::size)
                .description("Open live sockets")
                .register(registry);
    }

    /** Sends a frame to every open socket; a socket too far behind is dropped rather than waited for. */
    public void broadcast(Frame frame) {
        Instant now = clock.instant();
        lastBroadcast = now;
        groups.values().forEach(group -> group.offer(frame, now));
    }

    /** When the last broadcast (a live message or a heartbeat) was handed to the sockets. */
    public Instant lastBroadcast() {
        return lastBroadcast;
    }

    /**
     * How long some event loop has had a broadcast waiting without running any, if longer than {@code stall}: that
     * loop is stuck, so nothing reaches its pages. A loop that is behind but running is not stalled.
     */
    public Optional<Duration> stalledFor(Duration stall) {
        Instant now = clock.instant();
        return groups.values().stream()
                .map(group -> group.waiting(now))
                .filter(waited -> waited.compareTo(stall) > 0)
                .max(Duration::compareTo);
    }

    /** Adds a socket; one that will catch up first holds live frames until {@link Viewer#catchUp} is called. */
    Viewer join(WebSocketSession session, boolean catchingUp) {
        Outlet outlet = outlets.apply(session);
        Viewer viewer = new Viewer(outlet, holdCapacity, catchingUp, forwarded, dropped);
        viewers.put(session, viewer);
        groups.computeIfAbsent(outlet.loop(), Group::new).viewers.add(viewer);
        return viewer;
    }

    /** Removes a socket that closed. */
    void leave(WebSocketSession session) {
        Viewer viewer = viewers.remove(session);
        if (viewer != null) {
            forget(viewer);
            viewer.closed();
        }
    }

    /** Removes a socket that was dropped or whose writes failed; its close event comes later. */
    void forget(Viewer viewer) {
        Group group = groups.get(viewer.outlet().loop());
        if (group != null) {
            group.viewers.remove(viewer);
        }
        viewers.values().remove(viewer); // a scan, but only for sockets that are going
    }

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
        return viewers.values().stream()
                .map(viewer -> {
                    viewer.close(CloseReason.GOING_AWAY);
                    return viewer.gone();
                })
                .toList();
    }

    /** The sockets one thread writes to, and the frames queued for them. */
    private final class Group {
        final Executor loop;
        final Set<Viewer> viewers = ConcurrentHashMap.newKeySet();
        private final Queue<Frame> queued = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile long lastRound = System.nanoTime() - windowNanos;
        // when the oldest frame not yet handed out was queued; null when none is waiting
        private volatile Instant waitingSince;

        Group(Executor loop) {
            this.loop = loop;
        }

        void offer(Frame frame, Instant now) {
            queued.add(frame);
            if (waitingSince == null) {
                waitingSince = now;
            }
            if (scheduled.compareAndSet(false, true)) {
                schedule();
            }
        }

        Duration waiting(Instant now) {
            Instant since = waitingSince;
            return since == null ? Duration.ZERO : Duration.between(since, now);
        }

        /**
         * The next round: at once if the last one was a window ago, else when the window ends. The window is what
         * this loop's sockets need to stay within loop-writes a second, at most batch-window: a handful of sockets
         * get every message almost at once, 5,000 sockets on one loop get it in writes of 100 ms' worth.
         */
        @SuppressWarnings("FutureReturnValueIgnored") // a round is never cancelled; a stopping loop rejects it here
        private void schedule() {
            long window = Math.min(windowNanos, viewers.size() * nanosPerWrite);
            long wait = lastRound + window - System.nanoTime();
            try {
                if (wait > 0 && loop instanceof ScheduledExecutorService timer) {
                    timer.schedule(this::round, wait, TimeUnit.NANOSECONDS);
                } else {
                    loop.execute(this::round);
                }
            } catch (RejectedExecutionException shuttingDown) {
                waitingSince = null; // the server is stopping and its sockets with it
                queued.clear();
            }
        }

        private void round() {
            lastRound = System.nanoTime();
            // cleared before draining: a frame queued after the drain schedules the next round
            scheduled.set(false);
            waitingSince = null;
            List<Frame> frames = new ArrayList<>();
            for (Frame frame = queued.poll(); frame != null; frame = queued.poll()) {
                frames.add(frame);
            }
            if (!frames.isEmpty()) {
                Round round = new Round(frames);
                viewers.forEach(viewer -> offerTo(viewer, round));
            }
        }

        private void offerTo(Viewer viewer, Round round) {
            boolean kept;
            try {
                kept = viewer.offer(round);
            } catch (RuntimeException e) {
                LOG.warn("A socket failed to take a frame; dropping it", e);
                kept = false;
            }
            if (!kept) {
                forget(viewer);
            }
        }
    }
}
