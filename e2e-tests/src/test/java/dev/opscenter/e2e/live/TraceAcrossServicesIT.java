package dev.opscenter.e2e.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three jars with tracing on and JSON logs: one trace goes from a webhook's POST through its processing to the
 * socket frame, and the services' JSON log lines carry the ids of what they handle.
 */
class TraceAcrossServicesIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** The provider's own trace, as its traceparent header (W3C's example ids): the POST's span continues it. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension(Map.of(
            "OPSCENTER_TRACING", "true",
            // spans are made and propagated; exporting them is the collector's business, not this test's
            "OTEL_TRACES_EXPORTER", "none",
            "LOG_FORMAT", "json"));

    private Platform platform() {
        return PLATFORM.platform();
    }

    @Test
    void theAlertOnTheSocketCarriesTheTraceOfTheWebhooksPost() throws Exception {
        Webhooks webhooks = new Webhooks(platform());
        try (LiveSocket socket =
                LiveSocket.connect(platform().http(), platform().realtimeSocket(""))) {
            HttpResponse<String> response = webhooks.github(
                    "workflow_run",
                    Webhooks.failedWorkflowRun(),
                    Map.of("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01"));
            assertEquals(202, response.statusCode(), response.body());

            JsonNode message = socket.awaitAlertFor(
                    Webhooks.json(response.body()).path("id").asLong(), DELIVERY);

            String[] traceparent = message.path("traceparent").asText().split("-");
            assertEquals(4, traceparent.length, message.toString());
            assertEquals(TRACE_ID, traceparent[1], "the worker's span is in the POST's trace: " + message);
            assertNotEquals(CALLER_SPAN_ID, traceparent[2], "and is not the caller's own span: " + message);
        }
    }

    @Test
    void ingressLogsARejectedWebhookAsJsonWithItsSource() throws Exception {
        HttpResponse<String> response = platform()
                .http()
                .send(
                        HttpRequest.newBuilder(platform().ingress().resolve("/api/webhooks/github"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")) // no signature
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode(), response.body());

        JsonNode line = await().atMost(DELIVERY)
                .until(
                        () -> platform().logLines("ingress-service").stream()
                                .filter(l -> l.startsWith("{") && l.contains("rejected webhook for 'github'"))
                                .map(Webhooks::json)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertEquals("github", line.path("source").asText(), line.toString());
        assertTrue(line.path("message").asText().contains("rejected webhook"), line.toString());
    }
}
