package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.exceptions.WebSocketSessionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aLoopWithFewSocketsRunsItsNextRoundSoonerThanTheBatchWindow() {
        assertEquals(TimeUnit.SECONDS.toNanos(2), nextRoundDelay(2, 1), 50_000_000L, "2 sockets at 1 write/s: 2 s");
        // a window well above scheduling jitter: the round is timed by System.nanoTime, and a 1 ms window could pass
        // before the second broadcast on a busy machine, which then goes at once instead of being scheduled
        assertEquals(
                TimeUnit.MILLISECONDS.toNanos(100),
                nextRoundDelay(1, 10),
                50_000_000L,
                "1 socket at 10 writes/s: 100 ms");
    }

    @Test
    void aLoopWithManySocketsWaitsNoLongerThanTheBatchWindow() {
        assertEquals(
                TimeUnit.SECONDS.toNanos(10),
                nextRoundDelay(50, 1),
                50_000_000L,
                "50 sockets at 1 write/s, capped at 10 s");
    }

    /** The delay a loop's second round is scheduled with, right after its first, with a 10 s batch window. */
    private static long nextRoundDelay(int sockets, int loopWrites) {
        List<Long> delays = new ArrayList<>();
        List<Runnable> tasks = new ArrayList<>();
        ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1) {
            @Override
            public void execute(Runnable task) {
                tasks.add(task);
            }

            @Override
            public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
                delays.add(unit.toNanos(delay));
                tasks.add(task);
                return null;
            }
        };
        try {
            Audience audience = new Audience(
                    session -> new FakeOutlet() {
                        @Override
                        public Executor loop() {
                            return loop;
                        }
                    },
                    new SocketSettings(10, 1 << 20, Duration.ofSeconds(30), false, Duration.ofSeconds(10), loopWrites),
                    new SimpleMeterRegistry(),
                    new MutableClock());
            for (int i = 0; i < sockets; i++) {
                audience.join(TestAudiences.session(), false);
            }
            audience.broadcast(ViewerTest.live("1-0"));
            assertEquals(List.of(), delays, "the first message after a quiet spell goes at once");
            tasks.get(0).run();
            audience.broadcast(ViewerTest.live("2-0"));
            assertEquals(1, delays.size());
            return delays.get(0);
        } finally {
            loop.shutdownNow();
        }
    }
}
