package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.MutableClock;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.exceptions.WebSocketSessionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AudienceTest {
    private final Map<WebSocketSession, FakeOutlet> outlets = new HashMap<>();
    private final Audience audience = TestAudiences.of(outlets::get, new MutableClock());

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
