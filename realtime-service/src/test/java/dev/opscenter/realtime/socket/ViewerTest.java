package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.realtime.catchup.FeedId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.exceptions.WebSocketSessionException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Counter forwarded = meters.counter("forwarded");
    private final Counter dropped = meters.counter("dropped");
    private final FakeOutlet socket = new FakeOutlet();

    @Test
    void sendsAtOnceWhenNotCatchingUp() {
        Viewer viewer = new Viewer(socket, 10, false, forwarded, dropped);

        assertTrue(viewer.offer(live("5-0")));

        assertEquals(List.of("5-0"), socket.sent);
        assertEquals(1, forwarded.count());
    }

    @Test
    void holdsLiveFramesDuringCatchUpAndSkipsThoseItCovered() {
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);

        viewer.offer(live("3-0")); // published while the feed was read: also in the catch-up
        viewer.offer(live("4-0"));
        assertEquals(List.of(), socket.sent);

        assertTrue(viewer.catchUp(List.of(live("2-0"), live("3-0")), FeedId.of("3-0")));
        viewer.offer(live("5-0"));

        assertEquals(List.of("2-0", "3-0", "4-0", "5-0"), socket.sent);
    }

    @Test
    void neverSendsAFeedEntryTwiceWhenItsLiveCopyArrivesAfterTheCatchUp() {
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);
        // the broadcast of 3-0 started before this socket joined and reaches it only after its catch-up was sent
        viewer.catchUp(List.of(live("2-0"), live("3-0")), FeedId.of("3-0"));

        viewer.offer(live("3-0"));
        viewer.offer(live("4-0"));

        assertEquals(List.of("2-0", "3-0", "4-0"), socket.sent);
    }

    @Test
    void neverSendsAnEntryTheResyncCoveredWhenItsLiveCopyArrivesLate() {
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);
        viewer.catchUp(List.of(Frame.RESYNC), FeedId.of("9-0"));

        viewer.offer(live("9-0"));
        viewer.offer(live("10-0"));

        assertEquals(List.of("{\"type\":\"resync\"}", "10-0"), socket.sent);
    }

    @Test
    void keepsHeldFramesWithoutFeedIdAndEverythingAfterAResyncOfAnEmptyFeed() {
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);
        viewer.offer(Frame.heartbeat(Instant.ofEpochMilli(42)));
        viewer.offer(live("7-0"));

        viewer.catchUp(List.of(Frame.RESYNC), null);

        assertEquals(List.of("{\"type\":\"resync\"}", "{\"type\":\"heartbeat\",\"ts\":42}", "7-0"), socket.sent);
        assertEquals(1, forwarded.count(), "heartbeats and resyncs are not counted as forwarded messages");
    }

    @Test
    void dropsASocketWhoseQueuedBytesReachTheLimit() {
        Viewer viewer = new Viewer(socket, 10, false, forwarded, dropped);
        assertTrue(viewer.offer(live("1-0")));

        socket.full = true;

        assertFalse(viewer.offer(live("2-0")));
        assertEquals(Viewer.TOO_SLOW, socket.closedWith);
        assertEquals(1, dropped.count());
        socket.full = false;
        assertFalse(viewer.offer(live("3-0")), "nothing more is sent once dropped");
        assertEquals(List.of("1-0"), socket.sent);
    }

    @Test
    void dropsASocketHoldingTooManyFramesDuringItsCatchUp() {
        Viewer viewer = new Viewer(socket, 2, true, forwarded, dropped);

        assertTrue(viewer.offer(live("1-0")));
        assertTrue(viewer.offer(live("2-0")));
        assertFalse(viewer.offer(live("3-0")));
        assertEquals(1, dropped.count());
        assertFalse(viewer.catchUp(List.of(), null));
    }

    @Test
    void aFailedWriteEndsThisViewerOnly() {
        Viewer viewer = new Viewer(socket, 10, false, forwarded, dropped);
        socket.failure = new WebSocketSessionException("Session closed");

        assertFalse(viewer.offer(live("1-0")));

        assertNull(socket.closedWith, "it is closing already");
        assertEquals(0, dropped.count());
    }

    @Test
    void closingStopsSendingAndHolding() {
        Viewer viewer = new Viewer(socket, 10, true, forwarded, dropped);
        viewer.offer(live("1-0"));

        viewer.close(CloseReason.GOING_AWAY);

        assertFalse(viewer.catchUp(List.of(), null));
        assertFalse(viewer.offer(live("2-0")));
        assertEquals(List.of(), socket.sent);
        assertEquals(CloseReason.GOING_AWAY, socket.closedWith);
        assertEquals(0, dropped.count());
    }

    @Test
    void sendsARoundAsOneWriteAndOnlyWhatTheSocketHasNotHad() {
        Viewer caughtUp = new Viewer(socket, 10, true, forwarded, dropped);
        caughtUp.catchUp(List.of(live("2-0")), FeedId.of("2-0"));
        FakeOutlet other = new FakeOutlet();
        Viewer fresh = new Viewer(other, 10, false, forwarded, dropped);
        Round round = new Round(List.of(live("1-0"), live("2-0"), live("3-0"), live("4-0")));

        assertTrue(caughtUp.offer(round));
        assertTrue(fresh.offer(round));

        assertEquals(List.of("2-0", "3-0", "4-0"), socket.sent);
        assertEquals(2, socket.writes.size(), "the catch-up, then one write for the round");
        assertEquals(List.of("1-0", "2-0", "3-0", "4-0"), other.sent);
        assertEquals(List.of(round.joined().get(0).text()), other.writes, "the round's shared batch, in one write");
        assertEquals(7, forwarded.count());
    }

    /** A live alert frame ({@link FakeOutlet} records it as its id). */
    static Frame live(String id) {
        return FrameTest.alert(id);
    }
}
