package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.testing.JsonLogs;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.tracing.opentelemetry.instrument.http.server.OpenTelemetryServerFilter;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With the default configuration: the lines written while a webhook is handled carry its source, event and delivery ids
 * as JSON fields, and with tracing off (the default) nothing of a trace is made or written to the stream.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFieldsIT extends IngressIT {
    static final String SECRET = "gh-secret-for-log-tests";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    SourceRepository sources;

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    @Inject
    ApplicationContext context;

    @BeforeEach
    void source() {
        if (sources.findBySlug("gh").isEmpty()) {
            sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);
        }
    }

    @Test
    void aStoredWebhooksLinesCarryItsSourceEventIdAndDeliveryId() {
        try (JsonLogs logs = JsonLogs.capture()) {
            HttpResponse<String> reply = client.githubPing(SECRET, "delivery-log-fields");

            assertEquals(202, reply.statusCode(), reply.body());
            String eventId = String.valueOf(json(reply).get("id"));
            Map<String, Object> line = logs.line("webhook gh:").orElseThrow();
            assertEquals("gh", line.get("source"));
            assertEquals(eventId, line.get("event_id"));
            assertEquals("delivery-log-fields", line.get("provider_delivery_id"));
        }
    }

    @Test
    void aRejectedWebhooksLineCarriesItsSource() {
        try (JsonLogs logs = JsonLogs.capture()) {
            HttpResponse<String> reply = client.githubPing("not-the-secret", "delivery-rejected");

            assertEquals(401, reply.statusCode(), reply.body());
            assertEquals(
                    "gh", logs.line("rejected webhook for 'gh'").orElseThrow().get("source"));
        }
    }

    @Test
    void withTracingOffTheStreamEntryCarriesNoTraceContext() {
        assertFalse(context.containsBean(OpenTelemetry.class), "tracing is off by default");
        assertFalse(context.containsBean(OpenTelemetryServerFilter.class), "no server spans either");

        HttpResponse<String> reply = client.githubPing(SECRET, "delivery-untraced");

        assertEquals(202, reply.statusCode(), reply.body());
        String eventId = String.valueOf(json(reply).get("id"));
        Map<String, String> entry = await().atMost(DEADLINE)
                .until(() -> EventsStream.entryOf(redis, keys, eventId), Optional::isPresent)
                .orElseThrow();
        assertEquals(Map.of(RedisKeys.EVENT_ID_FIELD, eventId), entry);
    }

    private Map<String, Object> json(HttpResponse<String> reply) {
        return client.map(Reply.of(reply));
    }
}
