package dev.opscenter.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The defaults in application.yml are what the runtime contract promises when no variable is set. */
class ApplicationDefaultsTest {

    @ParameterizedTest
    @CsvSource({
            "micronaut.server.port, 8081",
            "redis.uri, redis://localhost:6379",
            "opscenter.redis.prefix, opscenter:",
            "opscenter.admin-token, dev-admin-token",
            "endpoints.health.details-visible, ANONYMOUS",
            "endpoints.prometheus.sensitive, false",
            "opscenter.realtime.outbound-capacity, 1000",
            "opscenter.realtime.catch-up-limit, 1000",
    })
    void defaultsMatchTheContract(String key, String expected) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment environment = context.getEnvironment().start();
            assertEquals(expected, environment.getProperty(key, String.class).orElseThrow());
        }
    }

    @ParameterizedTest
    @CsvSource({"opscenter.realtime.heartbeat-interval, 20", "opscenter.realtime.write-timeout, 30"})
    void durationsMatchTheContract(String key, long seconds) {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment environment = context.getEnvironment().start();
            assertEquals(Duration.ofSeconds(seconds), environment.getProperty(key, Duration.class).orElseThrow());
        }
    }
}
