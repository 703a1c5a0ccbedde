package dev.opscenter.common.testing;

import static org.awaitility.Awaitility.await;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * InMemoryTraces keeps every span a service under test ends, once tracing is on ({@link #on}): inject the {@link
 * InMemorySpanExporter} and read them ({@link #awaitSpan}). Micronaut's OpenTelemetry factory adds the span processor
 * to the SDK it builds.
 */
@Factory
@Requires(property = "micronaut.otel.enabled", value = "true")
public final class InMemoryTraces {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** The test's properties plus those that turn tracing on and export nowhere but here. */
    public static Map<String, String> on(Map<String, String> properties) {
        Map<String, String> traced = new HashMap<>(properties);
        traced.put("micronaut.otel.enabled", "true");
        traced.put("otel.traces.exporter", "none");
        return traced;
    }

    /** The first ended span that matches, once there is one (20 s at most). */
    public static SpanData awaitSpan(InMemorySpanExporter spans, Predicate<SpanData> matching) {
        return await().atMost(DEADLINE)
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(matching)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    @Singleton
    SpanProcessor processor(InMemorySpanExporter exporter) {
        return SimpleSpanProcessor.create(exporter);
    }
}
