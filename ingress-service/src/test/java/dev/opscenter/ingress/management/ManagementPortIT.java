package dev.opscenter.ingress.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.HttpProbe;
import dev.opscenter.ingress.IngressIT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Health details (database URL and name, versions, disk), metrics and the Prometheus scrape answer on the management
 * port only; the public port, which the Ingress routes to the internet, answers 404 for them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortIT extends IngressIT {

    @ParameterizedTest
    @ValueSource(
            strings = {"/prometheus", "/metrics", "/health", "/health/readiness", "/health/liveness", "/routes", "/env"
            })
    void publicPortServesNoManagementEndpoint(String path) {
        HttpProbe.Reply reply = HttpProbe.get(server.getPort(), path);
        assertEquals(404, reply.status(), path + " answered " + reply.body());
        assertFalse(reply.body().contains("jdbc"), reply.body());
    }

    @Test
    void managementPortShowsHealthWithItsComponents() {
        HttpProbe.Reply reply = HttpProbe.get(env.managementPort(), "/health");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.body().contains("\"jdbc\""), reply.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/liveness", "/health/readiness", "/prometheus", "/metrics"})
    void managementPortServesProbesAndMetrics(String path) {
        assertEquals(200, HttpProbe.get(env.managementPort(), path).status(), path);
    }
}
