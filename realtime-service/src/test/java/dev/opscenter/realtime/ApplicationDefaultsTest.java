package dev.opscenter.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.startup.SecretRules;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The defaults in application.yml are what the runtime contract promises when no variable is set. */
class ApplicationDefaultsTest {

    @ParameterizedTest
    @CsvSource({
        "micronaut.otel.enabled, false",
        "otel.traces.exporter, otlp",
        "micronaut.server.port, 8081",
        "endpoints.all.port, 9081",
        "redis.uri, redis://localhost:6379",
        "endpoints.health.details-visible, ANONYMOUS",
        "endpoints.prometheus.sensitive, false",
        "opscenter.realtime.outbound-capacity, 1000",
        "opscenter.realtime.catch-up-limit, 1000",
    })
    void defaultsMatchTheContract(String key, String expected) {
        assertEquals(expected, property(key, String.class));
    }

    @ParameterizedTest
    @CsvSource({"opscenter.realtime.heartbeat-interval, 20", "opscenter.realtime.write-timeout, 30"})
    void durationsMatchTheContract(String key, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), property(key, Duration.class));
    }

    @Test
    void adminTokenHasNoDefaultOutsideDev() {
        assertThrows(ConfigurationException.class, () -> property("opscenter.admin-token", String.class));
    }

    @Test
    void devEnvironmentHasTheDocumentedDevToken() {
        assertEquals(
                SecretRules.DEV_ADMIN_TOKEN, property("opscenter.admin-token", String.class, Environment.DEVELOPMENT));
    }

    private static <T> T property(String key, Class<T> type, String... environments) {
        try (ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments(environments)
                .build()) {
            Environment environment = context.getEnvironment().start();
            return environment.getProperty(key, type).orElseThrow();
        }
    }
}
