package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.catchup.FeedId;
import io.micrometer.core.instrument.Counter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.websocket.CloseReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Viewer is one open socket's outbound side. While its catch-up is being sent it holds live frames back; afterwards
 * it sends them as they come. Frames handed to the socket but not yet written count against a fixed capacity: a
 * socket that falls that far behind is closed with 1013 so the page reconnects with {@code since}, instead of the
 * service buffering without bound.
 */
final class Viewer {
    /** 1013 "try again later": the page reconnects and catches up from the last id it saw. */
    static final CloseReason TOO_SLOW = new CloseReason(CloseReason.TRY_AGAIN_LATER.getCode(), "Too slow; reconnect with since");

    private enum State { OPEN, DROPPED, CLOSED }

    private final Outlet outlet;
    private final int capacity;
    private final Counter forwarded;
    private final Counter dropped;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    // guarded by this
    private List<Frame> held;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private State state = State.OPEN;

    Viewer(Outlet outlet, int capacity, boolean catchingUp, Counter forwarded, Counter dropped) {
        this.outlet = outlet;
        this.capacity = capacity;
        this.forwarded = forwarded;
        this.dropped = dropped;
        this.held = catchingUp ? new ArrayList<>() : null;
    }

    /** Sends a broadcast frame, or holds it while the catch-up is being sent. False once this viewer is gone. */
    synchronized boolean offer(Frame frame) {
        if (state != State.OPEN) {
            return false;
        }
        if (held == null) {
            return send(frame);
        }
        if (held.size() + inFlight.get() >= capacity) {
            drop();
            return false;
        }
        held.add(frame);
        return true;
    }

    /**
     * Sends one catch-up frame. Once half the capacity is in flight it first waits, up to {@code patience}, for the
     * earlier frames to be written, so a long catch-up is paced by the client rather than tripping the capacity.
     * Blocks: call it off the event loop. False once this viewer is gone.
     */
    boolean sendCatchUp(Frame frame, Duration patience) {
        CompletableFuture<?> previous;
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            if (inFlight.get() < Math.max(1, capacity / 2)) {
                return send(frame);
            }
            previous = lastSend;
        }
        try {
            // a connection writes in order, so the last write completing means all earlier ones did
            previous.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (this) {
                if (state == State.OPEN) {
                    drop();
                }
            }
            return false;
        } catch (ExecutionException e) {
            return false; // the write failed because the socket is closing; its close callback removes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        synchronized (this) {
            return state == State.OPEN && send(frame);
        }
    }

    /**
     * Ends the catch-up: sends the held frames it did not already include, then sends frames as they come.
     *
     * @param upTo newest feed id the catch-up covered; null keeps every held frame
     */
    synchronized boolean goLive(@Nullable FeedId upTo) {
        if (state != State.OPEN) {
            return false;
        }
        List<Frame> pending = held == null ? List.of() : held;
        held = null;
        for (Frame frame : pending) {
            if (!frame.coveredBy(upTo) && !send(frame)) {
                return false;
            }
        }
        return true;
    }

    /** Closes the socket from this side. */
    synchronized void close(CloseReason reason) {
        if (state == State.OPEN) {
            state = State.CLOSED;
            held = null;
            outlet.close(reason);
        }
    }

    /** Records that the socket has closed, whichever side closed it; nothing more is sent. */
    synchronized void closed() {
        if (state == State.OPEN) {
            state = State.CLOSED;
        }
        held = null;
        gone.complete(null);
    }

    /** Completes once the socket has closed. */
    CompletableFuture<Void> gone() {
        return gone;
    }

    /** Frames handed to the socket and not yet written. */
    int inFlight() {
        return inFlight.get();
    }

    private boolean send(Frame frame) {
        if (inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            drop();
            return false;
        }
        CompletableFuture<?> written = outlet.send(frame.json());
        lastSend = written;
        written.whenComplete((ignored, error) -> inFlight.decrementAndGet());
        if (frame.live()) {
            forwarded.increment();
        }
        return true;
    }

    private void drop() {
        state = State.DROPPED;
        held = null;
        dropped.increment();
        // the close frame queues behind the unwritten ones; the write timeout ends a peer that never reads them
        outlet.close(TOO_SLOW);
    }
}
