package dev.opscenter.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The defaults in application.yml are what README and docs/configuration.md promise when no variable is set. */
class ApplicationDefaultsTest {

    @ParameterizedTest
    @CsvSource({
            "micronaut.server.port, 8080",
            "micronaut.server.max-request-size, 1048576",
            "datasources.default.url, jdbc:postgresql://localhost:5432/opscenter",
            "redis.uri, redis://localhost:6379",
            "opscenter.redis.prefix, opscenter:",
            "opscenter.admin-token, dev-admin-token",
            "opscenter.webhooks.timestamp-tolerance, 5m",
            "opscenter.sweeper.pending-age, 30s",
            "opscenter.events.enqueue-backlog, 10000",
            "opscenter.webhooks.max-in-progress, 128",
            "opscenter.database.probe-interval, 2s",
            "opscenter.server.request-read-timeout, 15s",
            "opscenter.server.max-connections-per-client, 128",
            "endpoints.prometheus.sensitive, false"})
    void defaultsMatchTheDocs(String key, String expected) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment environment = context.getEnvironment().start();
            assertEquals(expected, environment.getProperty(key, String.class).orElseThrow());
        }
    }
}
