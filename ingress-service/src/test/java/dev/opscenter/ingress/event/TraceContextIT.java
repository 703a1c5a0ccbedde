package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.testing.InMemoryTraces;
import dev.opscenter.common.trace.StreamTrace;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With tracing on, the events-stream entry of a stored webhook carries the trace context of its POST's span. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceContextIT extends IngressIT {
    static final String SECRET = "gh-secret-for-trace-tests";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    SourceRepository sources;

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    @Inject
    InMemorySpanExporter spans;

    @Override
    public Map<String, String> getProperties() {
        return InMemoryTraces.on(super.getProperties());
    }

    /**
     * The first webhook reads its source from the database on a request thread; the second, its source now kept, is
     * answered from the event loop. Each stream entry carries its own request's server span.
     */
    @Test
    void theStreamEntryCarriesTheTraceparentOfTheWebhooksServerSpan() {
        sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);

        String first = traceparentOf("delivery-traced");
        String second = traceparentOf("delivery-traced-again");

        Set<String> serverSpans = await().atMost(DEADLINE)
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(span -> span.getKind() == SpanKind.SERVER)
                                .map(span -> "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01")
                                .collect(Collectors.toSet()),
                        found -> found.size() == 2);
        assertEquals(Set.of(first, second), serverSpans);
    }

    private String traceparentOf(String delivery) {
        HttpResponse<String> reply = client.githubPing(SECRET, delivery);
        assertEquals(202, reply.statusCode(), reply.body());
        String eventId = String.valueOf(client.map(Reply.of(reply)).get("id"));
        return await().atMost(DEADLINE)
                .until(
                        () -> EventsStream.entryOf(redis, keys, eventId).map(e -> e.get(StreamTrace.TRACEPARENT)),
                        Optional::isPresent)
                .orElseThrow();
    }
}
