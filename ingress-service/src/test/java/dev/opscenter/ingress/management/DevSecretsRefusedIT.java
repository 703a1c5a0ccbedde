package dev.opscenter.ingress.management;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.opscenter.common.startup.SecretRules;
import dev.opscenter.common.testing.Causes;
import dev.opscenter.common.testing.TestEnvironment;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole ingress service, started outside the dev environment with a documented dev secret, refuses to start. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevSecretsRefusedIT {
    private final TestEnvironment env = TestEnvironment.create();

    @AfterAll
    void dropSchema() {
        env.close();
    }

    static Stream<Arguments> devSecrets() {
        return Stream.of(
                arguments(
                        "opscenter.admin-token",
                        SecretRules.DEV_ADMIN_TOKEN,
                        "OPSCENTER_ADMIN_TOKEN is the documented development token"),
                arguments(
                        "opscenter.secret-key",
                        SecretRules.DEV_SECRET_KEY,
                        "OPSCENTER_SECRET_KEY is the documented development key"));
    }

    @ParameterizedTest
    @MethodSource("devSecrets")
    void refusesToStartWithADevSecretOutsideDev(String key, String devValue, String problem) {
        Map<String, Object> properties = new HashMap<>(env.properties());
        properties.put("opscenter.admin-token", TestEnvironment.ADMIN_TOKEN);
        properties.put("opscenter.secret-key", TestEnvironment.SECRET_KEY);
        properties.put(key, devValue);
        properties.put("micronaut.server.port", -1);
        properties.put("opscenter.management-port", TestEnvironment.freePort());

        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> ApplicationContext.builder()
                        .deduceEnvironment(false)
                        .environments("production")
                        .properties(properties)
                        .start()
                        .getBean(EmbeddedServer.class)
                        .start()
                        .getApplicationContext()
                        .close());

        String why = Causes.messages(failure);
        assertTrue(why.contains(problem), why);
        assertFalse(why.contains(devValue), "never echoes the secret: " + why);
    }
}
