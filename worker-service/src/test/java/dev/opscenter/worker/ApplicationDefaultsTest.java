package dev.opscenter.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.startup.SecretRules;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The defaults in application.yml are what README and docs/configuration.md promise when no variable is set. */
class ApplicationDefaultsTest {

    @ParameterizedTest
    @CsvSource({
        "micronaut.otel.enabled, false",
        "otel.traces.exporter, otlp",
        "micronaut.server.port, 9082",
        "datasources.default.url, jdbc:postgresql://localhost:5432/opscenter",
        "redis.uri, redis://localhost:6379",
        "opscenter.worker.max-attempts, 3",
        "opscenter.worker.concurrency, 4",
        "opscenter.worker.batch-size, 100",
        "opscenter.feed.max-length, 10000",
        "endpoints.prometheus.sensitive, false"
    })
    void defaultsMatchTheDocs(String key, String expected) {
        assertEquals(expected, property(key));
    }

    @Test
    void theOnlyPortIsTheManagementPort() {
        try (ApplicationContext context =
                ApplicationContext.builder().deduceEnvironment(false).build()) {
            assertTrue(context.getEnvironment()
                    .start()
                    .getProperty("endpoints.all.port", String.class)
                    .isEmpty());
        }
    }

    @Test
    void theDefaultTraceExporterIsOnTheClasspath() {
        // what Micronaut's factory builds once OPSCENTER_TRACING is on; an exporter missing from the jar fails here
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.traces.exporter", property("otel.traces.exporter"),
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .build()
                .getOpenTelemetrySdk();
        try {
            assertTrue(sdk.getSdkTracerProvider().toString().contains("OtlpGrpcSpanExporter"), sdk.toString());
        } finally {
            sdk.close();
        }
    }

    @Test
    void secretKeyHasNoDefaultOutsideDev() {
        assertThrows(ConfigurationException.class, () -> property("opscenter.secret-key"));
    }

    @Test
    void devEnvironmentHasTheDocumentedDevKey() {
        assertEquals(SecretRules.DEV_SECRET_KEY, property("opscenter.secret-key", Environment.DEVELOPMENT));
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
