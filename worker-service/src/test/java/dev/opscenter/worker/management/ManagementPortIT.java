package dev.opscenter.worker.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.startup.SecretRules;
import dev.opscenter.common.testing.Causes;
import dev.opscenter.common.testing.HttpProbe;
import dev.opscenter.common.testing.TestEnvironment;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The worker's one port is its management port: probes, health with details and the scrape answer there. Outside
 * the dev environment the worker refuses to start with the documented dev key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementPortIT {
    private final TestEnvironment env = TestEnvironment.create();

    @AfterAll
    void dropSchema() {
        env.close();
    }

    @Test
    void managementPortServesProbesHealthAndMetrics() {
        try (ApplicationContext context = start("production", TestEnvironment.SECRET_KEY)) {
            int port = context.getBean(EmbeddedServer.class).getPort();
            for (String path : new String[] {"/health/liveness", "/health/readiness", "/prometheus", "/metrics"}) {
                assertEquals(200, HttpProbe.get(port, path).status(), path);
            }
            assertTrue(HttpProbe.get(port, "/health").body().contains("\"jdbc\""), "health shows its components");
        }
    }

    @Test
    void refusesToStartWithTheDevKeyOutsideDev() {
        String why = Causes.messages(assertThrows(
                RuntimeException.class,
                () -> start("production", SecretRules.DEV_SECRET_KEY).close()));
        assertTrue(why.contains("OPSCENTER_SECRET_KEY is the documented development key"), why);
        assertFalse(why.contains(SecretRules.DEV_SECRET_KEY), "never echoes the key: " + why);
    }

    private ApplicationContext start(String environment, String secretKey) {
        Map<String, Object> properties = new HashMap<>(env.properties());
        properties.put("opscenter.secret-key", secretKey);
        properties.put("micronaut.server.port", -1);
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments(environment)
                .properties(properties)
                .start()
                .getBean(EmbeddedServer.class)
                .start()
                .getApplicationContext();
    }
}
