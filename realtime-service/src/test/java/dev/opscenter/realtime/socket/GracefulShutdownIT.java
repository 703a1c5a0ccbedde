package dev.opscenter.realtime.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.TestEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.websocket.CloseReason;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Shutting the service down closes every socket with 1001 "going away", so pages reconnect at once. */
class GracefulShutdownIT {
    static final TestEnvironment ENV = TestEnvironment.create();
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @AfterAll
    static void drop() {
        ENV.close();
    }

    @Test
    void shutdownClosesSocketsWithGoingAway() {
        HashMap<String, Object> properties = new HashMap<>(ENV.properties());
        // a free management port, so a platform running beside the tests does not stop this one from starting
        properties.put("opscenter.management-port", Integer.toString(ENV.managementPort()));
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        try {
            // a client outside the server's context, so stopping the server does not stop the client too
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            AdminSocket.open(server.getPort(), closeCode);
            MeterRegistry meters = server.getApplicationContext().getBean(MeterRegistry.class);
            await().atMost(DEADLINE)
                    .until(() ->
                            meters.get("opscenter.realtime.sessions").gauge().value() == 1);

            // what the shutdown hook of RealtimeApplication does on SIGTERM
            server.getApplicationContext().close();

            await().atMost(DEADLINE).until(closeCode::isDone);
            assertEquals(CloseReason.GOING_AWAY.getCode(), closeCode.join());
        } finally {
            if (server.getApplicationContext().isRunning()) {
                server.getApplicationContext().close();
            }
        }
    }
}
