package dev.opscenter.common.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * InMemoryTraces keeps every span a service under test ends, once tracing is on ({@link #ON}): inject the {@link
 * InMemorySpanExporter} and read them. Micronaut's OpenTelemetry factory adds the span processor to the SDK it builds.
 */
@Factory
@Requires(property = "micronaut.otel.enabled", value = "true")
public final class InMemoryTraces {
    /** Properties that turn tracing on and export nowhere but here. */
    public static final Map<String, String> ON =
            Map.of("micronaut.otel.enabled", "true", "otel.traces.exporter", "none");

    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    @Singleton
    SpanProcessor processor(InMemorySpanExporter exporter) {
        return SimpleSpanProcessor.create(exporter);
    }
}
