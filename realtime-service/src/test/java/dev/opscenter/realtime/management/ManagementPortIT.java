package dev.opscenter.realtime.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.HttpProbe;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Health, metrics and the Prometheus scrape answer on the management port only; the socket port keeps them to itself. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortIT extends RealtimeIT {
    @Inject
    EmbeddedServer server;

    @ParameterizedTest
    @ValueSource(
            strings = {"/prometheus", "/metrics", "/health", "/health/readiness", "/health/liveness", "/routes", "/env"
            })
    void publicPortServesNoManagementEndpoint(String path) {
        HttpProbe.Reply reply = HttpProbe.get(server.getPort(), path);
        assertEquals(404, reply.status(), path + " answered " + reply.body());
    }

    @Test
    void managementPortShowsHealthWithItsComponents() {
        HttpProbe.Reply reply = HttpProbe.get(env.managementPort(), "/health");
        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("\"redis\""), reply.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/liveness", "/health/readiness", "/prometheus", "/metrics"})
    void managementPortServesProbesAndMetrics(String path) {
        assertEquals(200, HttpProbe.get(env.managementPort(), path).status(), path);
    }
}
