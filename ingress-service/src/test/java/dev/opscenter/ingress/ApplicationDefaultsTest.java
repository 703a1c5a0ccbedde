package dev.opscenter.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.startup.DevSecrets;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The defaults in application.yml are what README and docs/configuration.md promise when no variable is set. */
class ApplicationDefaultsTest {

    @ParameterizedTest
    @CsvSource({
        "micronaut.otel.enabled, false",
        "otel.traces.exporter, otlp",
        "micronaut.server.port, 8080",
        "endpoints.all.port, 9080",
        "micronaut.server.max-request-size, 1048576",
        "datasources.default.url, jdbc:postgresql://localhost:5432/opscenter",
        "redis.uri, redis://localhost:6379",
        "opscenter.realtime.health-url, http://localhost:9081/health",
        "opscenter.webhooks.timestamp-tolerance, 5m",
        "opscenter.sweeper.pending-age, 30s",
        "opscenter.events.enqueue-backlog, 10000",
        "opscenter.webhooks.max-in-progress, 128",
        "opscenter.database.probe-interval, 2s",
        "opscenter.server.request-read-timeout, 15s",
        "opscenter.server.max-connections-per-client, 128",
        "endpoints.prometheus.sensitive, false"
    })
    void defaultsMatchTheDocs(String key, String expected) {
        assertEquals(expected, property(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"opscenter.admin-token", "opscenter.secret-key"})
    void secretsHaveNoDefaultOutsideDev(String key) {
        assertThrows(ConfigurationException.class, () -> property(key));
    }

    @Test
    void devEnvironmentHasTheDevSecretsOfTheSharedFile() {
        DevSecrets dev = DevSecrets.load();
        assertEquals(dev.adminToken(), property("opscenter.admin-token", Environment.DEVELOPMENT));
        assertEquals(dev.secretKey(), property("opscenter.secret-key", Environment.DEVELOPMENT));
    }

    private static String property(String key, String... environments) {
        try (ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .environments(environments)
                .build()) {
            Environment environment = context.getEnvironment().start();
            return environment.getProperty(key, String.class).orElseThrow();
        }
    }
}
