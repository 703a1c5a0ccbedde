package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.realtime.catchup.FeedId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.websocket.CloseReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ViewerTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Counter forwarded = meters.counter("forwarded");
    private final Counter dropped = meters.counter("dropped");

    @Test
    void sendsAtOnceWhenNotCatchingUp() {
        Socket socket = new Socket(true);
        Viewer viewer = new Viewer(socket, 10, false, forwarded, dropped);

        assertTrue(viewer.offer(live("5-0")));

        assertEquals(List.of("5-0"), socket.sent);
        assertEquals(1, forwarded.count());
    }

    @Test
    void holdsLiveFramesDuringCatchUpAndSkipsThoseItCovered() {
        Socket socket = new Socket(true);
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);

        viewer.offer(live("3-0")); // published while the feed was read: also in the catch-up
        viewer.offer(live("4-0"));
        viewer.sendCatchUp(live("2-0"), Duration.ofSeconds(1));
        viewer.sendCatchUp(live("3-0"), Duration.ofSeconds(1));
        assertEquals(List.of("2-0", "3-0"), socket.sent);

        assertTrue(viewer.goLive(FeedId.of("3-0")));
        viewer.offer(live("5-0"));

        assertEquals(List.of("2-0", "3-0", "4-0", "5-0"), socket.sent);
    }

    @Test
    void keepsHeldFramesWithoutFeedIdAndEverythingAfterAResync() {
        Socket socket = new Socket(true);
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);
        viewer.offer(Frame.heartbeat(java.time.Instant.ofEpochMilli(42)));
        viewer.offer(live("7-0"));

        viewer.goLive(null);

        assertEquals(List.of("{\"type\":\"heartbeat\",\"ts\":42}", "7-0"), socket.sent);
        assertEquals(1, forwarded.count(), "heartbeats are not counted as forwarded messages");
    }

    @Test
    void dropsASocketWhoseUnwrittenFramesReachCapacity() {
        Socket socket = new Socket(false); // never finishes a write
        Viewer viewer = new Viewer(socket, 3, false, forwarded, dropped);

        assertTrue(viewer.offer(live("1-0")));
        assertTrue(viewer.offer(live("2-0")));
        assertTrue(viewer.offer(live("3-0")));
        assertFalse(viewer.offer(live("4-0")));

        assertEquals(Viewer.TOO_SLOW, socket.closedWith);
        assertEquals(1, dropped.count());
        assertFalse(viewer.offer(live("5-0")), "nothing more is queued once dropped");
        assertEquals(3, socket.sent.size());
    }

    @Test
    void keepsASocketThatWritesAsFastAsItIsFed() {
        Socket socket = new Socket(true);
        Viewer viewer = new Viewer(socket, 3, false, forwarded, dropped);

        for (int i = 1; i <= 100; i++) {
            assertTrue(viewer.offer(live(i + "-0")));
        }
        assertEquals(0, viewer.inFlight());
        assertEquals(0, dropped.count());
    }

    @Test
    void countsHeldFramesAgainstCapacity() {
        Socket socket = new Socket(true);
        Viewer viewer = new Viewer(socket, 2, true, forwarded, dropped);

        assertTrue(viewer.offer(live("1-0")));
        assertTrue(viewer.offer(live("2-0")));
        assertFalse(viewer.offer(live("3-0")));
        assertEquals(1, dropped.count());
    }

    @Test
    void pacesCatchUpByWrittenFramesAndDropsASocketThatStopsReading() {
        Socket socket = new Socket(false);
        Viewer viewer = new Viewer(socket, 4, true, forwarded, dropped);

        assertTrue(viewer.sendCatchUp(live("1-0"), Duration.ofMillis(50)));
        assertTrue(viewer.sendCatchUp(live("2-0"), Duration.ofMillis(50)));
        // half the capacity is unwritten: the next one waits for them, in vain
        assertFalse(viewer.sendCatchUp(live("3-0"), Duration.ofMillis(50)));

        assertEquals(Viewer.TOO_SLOW, socket.closedWith);
        assertEquals(1, dropped.count());
    }

    @Test
    void catchUpLongerThanCapacityGoesThroughToAReadingSocket() {
        Socket socket = new Socket(true);
        Viewer viewer = new Viewer(socket, 4, true, forwarded, dropped);

        for (int i = 1; i <= 50; i++) {
            assertTrue(viewer.sendCatchUp(live(i + "-0"), Duration.ofMillis(50)));
        }
        assertEquals(50, socket.sent.size());
    }

    @Test
    void closingStopsSendingAndHolding() {
        Socket socket = new Socket(true);
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);
        viewer.offer(live("1-0"));

        viewer.close(CloseReason.GOING_AWAY);

        assertFalse(viewer.goLive(null));
        assertFalse(viewer.offer(live("2-0")));
        assertEquals(List.of(), socket.sent);
        assertEquals(CloseReason.GOING_AWAY, socket.closedWith);
        assertEquals(0, dropped.count());
    }

    /** A live frame whose text is just its id, so assertions read easily. */
    private static Frame live(String id) {
        return Frame.live(id, FeedId.of(id));
    }

    /** Records frames; writes either finish at once or never (a peer that stopped reading). */
    private static final class Socket implements Outlet {
        final List<String> sent = new ArrayList<>();
        final boolean writes;
        CloseReason closedWith;

        Socket(boolean writes) {
            this.writes = writes;
        }

        @Override
        public CompletableFuture<?> send(String text) {
            sent.add(text);
            return writes ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }

        @Override
        public void close(CloseReason reason) {
            closedWith = reason;
        }
    }
}
