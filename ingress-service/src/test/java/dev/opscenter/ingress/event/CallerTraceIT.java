package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.testing.InMemoryTraces;
import dev.opscenter.common.trace.StreamTrace;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With tracing on and {@code OTEL_PROPAGATORS=none} (docs/operations.md), a caller's {@code traceparent} header is
 * ignored: the webhook starts its own trace, and the stream entry still carries it to the worker.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerTraceIT extends IngressIT {
    static final String SECRET = "gh-secret-for-caller-trace";
    static final String CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    SourceRepository sources;

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = InMemoryTraces.on(super.getProperties());
        properties.put("otel.propagators", "none");
        return properties;
    }

    @Test
    void aCallersTraceparentIsIgnoredWhenNoPropagatorIsConfigured() {
        sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);
        String body = "{\"zen\":\"traced\"}";

        Reply reply = client.post(
                "/api/webhooks/gh",
                body,
                Map.of(
                        "Content-Type", "application/json",
                        "X-GitHub-Event", "ping",
                        "X-GitHub-Delivery", "delivery-caller-trace",
                        "X-Hub-Signature-256", GitHubSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8)),
                        "traceparent", "00-" + CALLER_TRACE_ID + "-00f067aa0ba902b7-01"));

        assertEquals(202, reply.status(), reply.body());
        String eventId = String.valueOf(map(reply).get("id"));
        String[] traceparent = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> EventsStream.entryOf(redis, keys, eventId).map(e -> e.get(StreamTrace.TRACEPARENT)),
                        Optional::isPresent)
                .orElseThrow()
                .split("-");
        assertEquals(4, traceparent.length);
        assertNotEquals(CALLER_TRACE_ID, traceparent[1], "the POST starts its own trace");
    }
}
