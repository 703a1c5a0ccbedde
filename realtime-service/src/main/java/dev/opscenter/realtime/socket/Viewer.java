package dev.opscenter.realtime.socket;

import dev.opscenter.realtime.catchup.FeedId;
import io.micrometer.core.instrument.Counter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Viewer is one open socket's outbound side. While its catch-up is being read it holds live frames back; afterwards
 * it sends them as they come, the frames of one broadcast round {@linkplain Frame#join joined} into one write. It sends each feed entry at most once: it remembers the newest feed id it has sent (or
 * that a catch-up covered) and skips any frame at or before it, so a live copy of an alert the catch-up already sent
 * is never sent again, however late it arrives. A socket whose queued bytes reach the limit, or that holds too many
 * frames during its catch-up, is closed with 1013 so the page reconnects with {@code since}, instead of the service
 * buffering without bound. A failed write ends this socket only.
 */
final class Viewer {
    /** 1013 "try again later": the page reconnects and catches up from the last id it saw. */
    static final CloseReason TOO_SLOW =
            new CloseReason(CloseReason.TRY_AGAIN_LATER.getCode(), "Too slow; reconnect with since");

    private static final Logger LOG = LoggerFactory.getLogger(Viewer.class);

    private enum State {
        OPEN,
        DROPPED,
        CLOSED
    }

    private final Outlet outlet;
    private final int holdCapacity;
    private final Counter forwarded;
    private final Counter dropped;
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    // guarded by this; in practice touched on the outlet's loop only
    private List<Frame> held;
    private FeedId sentUpTo;
    private State state = State.OPEN;

    Viewer(Outlet outlet, int holdCapacity, boolean catchingUp, Counter forwarded, Counter dropped) {
        this.outlet = outlet;
        this.holdCapacity = holdCapacity;
        this.forwarded = forwarded;
        this.dropped = dropped;
        this.held = catchingUp ? new ArrayList<>() : null;
    }

    /** The thread this viewer's frames are handed over on. */
    Outlet outlet() {
        return outlet;
    }

    /** Sends one broadcast frame, or holds it while the catch-up is being read. False once this viewer is gone. */
    boolean offer(Frame frame) {
        return offer(new Round(List.of(frame)));
    }

    /** Sends a round's frames, or holds them while the catch-up is being read. False once this viewer is gone. */
    synchronized boolean offer(Round round) {
        if (state != State.OPEN) {
            return false;
        }
        if (held == null) {
            return send(round);
        }
        if (held.size() + round.frames().size() > holdCapacity) {
            drop();
            return false;
        }
        held.addAll(round.frames());
        return true;
    }

    /**
     * Sends the catch-up: the missed entries (oldest first), or a resync. Then sends the held frames it did not
     * already cover, and from then on sends frames as they come. False once this viewer is gone.
     *
     * @param upTo newest feed id the catch-up covered; null keeps every held frame
     */
    synchronized boolean catchUp(List<Frame> missed, @Nullable FeedId upTo) {
        if (state != State.OPEN) {
            return false;
        }
        List<Frame> pending = held == null ? List.of() : held;
        held = null;
        List<Frame> batch = new ArrayList<>(missed.size() + pending.size());
        batch.addAll(missed);
        advance(upTo);
        batch.addAll(fresh(pending));
        return write(Frame.join(batch));
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

    private boolean send(Round round) {
        List<Frame> fresh = fresh(round.frames());
        // almost always all of them: then every socket of the round writes the same joined frames
        return write(fresh.size() == round.frames().size() ? round.joined() : Frame.join(fresh));
    }

    /** The frames not already sent (by the catch-up or an earlier copy), noting the newest as sent. */
    @SuppressWarnings("ReferenceEquality") // "fresh == frames" asks whether a copy was made yet
    private List<Frame> fresh(List<Frame> frames) {
        List<Frame> fresh = frames;
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            if (frame.coveredBy(sentUpTo)) {
                if (fresh == frames) {
                    fresh = new ArrayList<>(frames.subList(0, i));
                }
            } else {
                if (fresh != frames) {
                    fresh.add(frame);
                }
                advance(frame.feedId());
            }
        }
        return fresh;
    }

    private boolean write(List<Frame> frames) {
        if (frames.isEmpty()) {
            return true;
        }
        if (outlet.full()) {
            drop();
            return false;
        }
        try {
            if (frames.size() == 1) {
                outlet.write(frames.get(0));
            } else {
                outlet.writeAll(frames);
            }
        } catch (RuntimeException e) {
            // a socket closing under us; its close event removes it, and nobody else is affected
            LOG.debug("Write to a closing socket failed: {}", e.toString());
            state = State.CLOSED;
            held = null;
            return false;
        }
        frames.forEach(frame -> forwarded.increment(frame.messages()));
        return true;
    }

    private void advance(@Nullable FeedId id) {
        if (id != null && (sentUpTo == null || id.isAfter(sentUpTo))) {
            sentUpTo = id;
        }
    }

    private void drop() {
        state = State.DROPPED;
        held = null;
        dropped.increment();
        outlet.close(TOO_SLOW);
    }
}
