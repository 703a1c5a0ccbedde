package dev.opscenter.common.startup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.Causes;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard as a context runs it: the environment decides whether development values may start a service. */
class SecretsGuardTest {
    private static final String STRONG_TOKEN = "q3Jx0c0M6v8mZ0f3c2Yb9Vw1nq+u3H0JQ1kVv1u7w8E=";
    private static final String STRONG_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void refusesTheDevTokenOutsideDev() {
        String why = refusal("prod", Map.of(SecretsGuard.ADMIN_TOKEN, SecretRules.DEV_ADMIN_TOKEN));
        assertTrue(why.contains("OPSCENTER_ADMIN_TOKEN is the documented development token"), why);
        assertFalse(why.contains(SecretRules.DEV_ADMIN_TOKEN), "the token itself is never echoed: " + why);
    }

    @Test
    void refusesTheDevKeyOutsideDev() {
        String why = refusal("prod", Map.of(SecretsGuard.SECRET_KEY, SecretRules.DEV_SECRET_KEY));
        assertTrue(why.contains("OPSCENTER_SECRET_KEY is the documented development key"), why);
        assertFalse(why.contains(SecretRules.DEV_SECRET_KEY), why);
    }

    @Test
    void refusesAVariableLeftUnset() {
        String why = refusal("prod", Map.of(SecretsGuard.ADMIN_TOKEN, "${OPSCENTER_TEST_UNSET_ADMIN_TOKEN_VARIABLE}"));
        assertTrue(why.contains("OPSCENTER_ADMIN_TOKEN is not set"), why);
    }

    @Test
    void startsWithStrongValuesOutsideDev() {
        assertDoesNotThrow(
                () -> start("prod", Map.of(SecretsGuard.ADMIN_TOKEN, STRONG_TOKEN, SecretsGuard.SECRET_KEY, STRONG_KEY))
                        .close());
    }

    @Test
    void startsWithTheDevValuesInDev() {
        assertDoesNotThrow(() -> start(
                        "dev",
                        Map.of(
                                SecretsGuard.ADMIN_TOKEN,
                                SecretRules.DEV_ADMIN_TOKEN,
                                SecretsGuard.SECRET_KEY,
                                SecretRules.DEV_SECRET_KEY))
                .close());
    }

    @Test
    void refusesABlankTokenEvenInDev() {
        String why = refusal("dev", Map.of(SecretsGuard.ADMIN_TOKEN, " "));
        assertTrue(why.contains("OPSCENTER_ADMIN_TOKEN is not set"), why);
    }

    @Test
    void checksOnlyTheSecretsAServiceDeclares() {
        assertDoesNotThrow(
                () -> start("prod", Map.of(SecretsGuard.SECRET_KEY, STRONG_KEY)).close());
    }

    private static ApplicationContext start(String environment, Map<String, Object> properties) {
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments(environment)
                .properties(properties)
                .start();
    }

    /** The message chain of the failed start. */
    private static String refusal(String environment, Map<String, Object> properties) {
        return Causes.messages(assertThrows(
                RuntimeException.class, () -> start(environment, properties).close()));
    }
}
