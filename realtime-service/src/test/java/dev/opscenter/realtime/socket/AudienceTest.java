package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.MutableClock;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.exceptions.WebSocketSessionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class AudienceTest {
    private final Map<WebSocketSession, FakeOutlet> outlets = new HashMap<>();
    private final Audience audience = TestAudiences.of(outlets::get, new MutableClock());

    @Test
    void framesBroadcastWhileALoopIsBusyReachEachSocketInOneWriteInOrder() {
        List<Runnable> loopTasks = new ArrayList<>();
        Executor loop = loopTasks::add; // one event loop, busy until the test runs what was handed to it
        List<FakeOutlet> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebSocketSession session = TestAudiences.session();
            FakeOutlet outlet = new FakeOutlet() {
                @Override
                public Executor loop() {
                    return loop;
                }
            };
            outlets.put(session, outlet);
            audience.join(session, false);
            sockets.add(outlet);
        }

        audience.broadcast(ViewerTest.live("1-0"));
        audience.broadcast(ViewerTest.live("2-0"));
        audience.broadcast(ViewerTest.live("3-0"));
        assertEquals(1, loopTasks.size(), "one round for the loop, however many frames");
        loopTasks.get(0).run();
        audience.broadcast(ViewerTest.live("4-0"));
        assertEquals(2, loopTasks.size());
        loopTasks.get(1).run();

        for (FakeOutlet socket : sockets) {
            assertEquals(List.of("1-0", "2-0", "3-0", "4-0"), socket.sent);
            assertEquals(2, socket.writes.size(), "one write per round");
        }
    }

    @Test
    void oneSocketsFailedWriteNeverStopsTheBroadcastToTheOthers() {
        List<FakeOutlet> sockets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WebSocketSession session = TestAudiences.session();
            FakeOutlet outlet = new FakeOutlet();
            outlets.put(session, outlet);
            audience.join(session, false);
            sockets.add(outlet);
        }
        // sessions that closed but have not been removed yet, wherever they sit in the iteration
        for (FakeOutlet socket : sockets) {
            if (sockets.indexOf(socket) % 5 == 0) {
                socket.failure = new WebSocketSessionException("Session closed");
            }
        }

        audience.broadcast(ViewerTest.live("1-0"));
        audience.broadcast(ViewerTest.live("2-0"));

        for (FakeOutlet socket : sockets) {
            if (socket.failure == null) {
                assertEquals(List.of("1-0", "2-0"), socket.sent, "socket " + sockets.indexOf(socket));
            }
        }
    }
}
