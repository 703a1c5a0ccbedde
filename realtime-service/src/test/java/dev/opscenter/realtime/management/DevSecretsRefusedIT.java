package dev.opscenter.realtime.management;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.startup.SecretRules;
import dev.opscenter.common.testing.Causes;
import dev.opscenter.common.testing.TestEnvironment;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The whole realtime service, started outside the dev environment with the documented dev token, refuses to start. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevSecretsRefusedIT {
    private final TestEnvironment env = TestEnvironment.create();

    @AfterAll
    void dropSchema() {
        env.close();
    }

    @Test
    void refusesToStartWithTheDevTokenOutsideDev() {
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> start("production", SecretRules.DEV_ADMIN_TOKEN).close());
        String why = Causes.messages(failure);
        assertTrue(why.contains("OPSCENTER_ADMIN_TOKEN is the documented development token"), why);
        assertFalse(why.contains(SecretRules.DEV_ADMIN_TOKEN), "never echoes the token: " + why);
    }

    @Test
    void startsWithTheDevTokenInDev() {
        try (ApplicationContext context = start("dev", SecretRules.DEV_ADMIN_TOKEN)) {
            assertTrue(context.getBean(EmbeddedServer.class).isRunning());
        }
    }

    private ApplicationContext start(String environment, String token) {
        Map<String, Object> properties = new HashMap<>(env.properties());
        properties.put("opscenter.admin-token", token);
        properties.put("micronaut.server.port", -1);
        properties.put("opscenter.management-port", TestEnvironment.freePort());
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
