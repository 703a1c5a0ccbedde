package dev.opscenter.realtime.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.InMemoryTraces;
import dev.opscenter.realtime.AlertPublisher;
import dev.opscenter.realtime.LiveClient;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With tracing on, the span that sends a live message to the sockets continues the worker's trace the message carries. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceContextIT extends RealtimeIT {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The worker's processing span, as its traceparent (W3C's own example ids). */
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    static final String WORKER_SPAN_ID = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    @Override
    public Map<String, String> getProperties() {
        return InMemoryTraces.on(super.getProperties());
    }

    @Test
    void theFrameSpanIsTheChildOfTheWorkersSpan() throws Exception {
        try (LiveClient client = connect("/ws")) {
            await().atMost(DEADLINE)
                    .until(() ->
                            meters.get("opscenter.realtime.sessions").gauge().value() >= 1);
            String message = "{\"type\":\"alert\",\"id\":\"1-1\",\"data\":{\"eventId\":1},\"traceparent\":\"00-"
                    + TRACE_ID + "-" + WORKER_SPAN_ID + "-01\"}";

            new AlertPublisher(redis, keys, json).publishOnly(message);

            await().atMost(DEADLINE).until(() -> client.texts().contains(message));
            SpanData frame = InMemoryTraces.awaitSpan(spans, s -> s.getName().equals("send live frame"));
            assertEquals(TRACE_ID, frame.getTraceId());
            assertEquals(WORKER_SPAN_ID, frame.getParentSpanId());
        }
    }
}
