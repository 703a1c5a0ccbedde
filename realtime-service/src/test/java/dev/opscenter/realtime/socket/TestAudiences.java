package dev.opscenter.realtime.socket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.websocket.WebSocketSession;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** TestAudiences builds audiences of fake sockets for tests outside this package. */
public final class TestAudiences {
    private TestAudiences() {}

    /** An audience with one socket that writes everything at once. */
    public static Audience reading(Clock clock) {
        return withOneSocket(clock, new FakeOutlet());
    }

    /** An audience with one socket whose writing thread never runs: broadcasts for it pile up in {@code queued}. */
    public static Audience stuck(Clock clock, List<Runnable> queued) {
        return withOneSocket(clock, new FakeOutlet() {
            @Override
            public Executor loop() {
                return queued::add;
            }
        });
    }

    static Audience of(Function<WebSocketSession, Outlet> outlets, Clock clock) {
        return new Audience(
                outlets,
                new SocketSettings(10, 1 << 20, Duration.ofSeconds(30), false, Duration.ZERO, 50_000),
                new SimpleMeterRegistry(),
                clock);
    }

    /** A session that is only good as a map key. */
    static WebSocketSession session() {
        return (WebSocketSession) Proxy.newProxyInstance(
                TestAudiences.class.getClassLoader(),
                new Class<?>[] {WebSocketSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Audience withOneSocket(Clock clock, Outlet outlet) {
        Audience audience = of(session -> outlet, clock);
        audience.join(session(), false);
        return audience;
    }
}
