package dev.opscenter.worker.alert;

import static dev.opscenter.worker.alert.WorkerFixture.fixture;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.InMemoryTraces;
import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.common.trace.StreamTrace;
import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With tracing on, an event's processing span continues the trace its stream entry carries (the ingress request's),
 * and the alert's live message carries the processing span on to realtime.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceContextIT implements TestPropertyProvider {
    static final TestEnvironment ENV = TestEnvironment.create();
    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** The ingress request's span, as its traceparent (W3C's own example ids). */
    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    static final String POST_SPAN_ID = "b7ad6b7169203331";

    @Inject
    RedisKeys keys;

    @Inject
    JsonMapper json;

    @Inject
    InMemorySpanExporter spans;

    WorkerFixture worker;
    long githubSource;

    @Override
    public Map<String, String> getProperties() {
        return InMemoryTraces.on(ENV.properties());
    }

    @BeforeAll
    void connect() throws SQLException {
        worker = new WorkerFixture(ENV, keys, json);
        githubSource = worker.rows.source("Traced gh", "traced-gh", SourceKind.GITHUB);
    }

    @AfterAll
    void drop() {
        worker.close();
        ENV.close();
    }

    @Test
    void theProcessingSpanIsTheChildOfTheIngressSpanAndTheLiveMessageCarriesIt() throws SQLException {
        long eventId = worker.rows.event(githubSource, "ping", fixture("ping.json"));

        worker.redis.xadd(
                keys.events(),
                Map.of(
                        RedisKeys.EVENT_ID_FIELD,
                        Long.toString(eventId),
                        StreamTrace.TRACEPARENT,
                        "00-" + TRACE_ID + "-" + POST_SPAN_ID + "-01"));

        await().atMost(DEADLINE).until(() -> worker.publishedFor(eventId).size() == 1);
        SpanData processing = InMemoryTraces.awaitSpan(spans, s -> s.getName().equals("process event"));
        assertEquals(TRACE_ID, processing.getTraceId());
        assertEquals(POST_SPAN_ID, processing.getParentSpanId());
        assertEquals(
                "00-" + TRACE_ID + "-" + processing.getSpanId() + "-01",
                worker.publishedFor(eventId).get(0).get(StreamTrace.TRACEPARENT));
    }
}
