package dev.opscenter.e2e.live;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A signed webhook travels ingress → Redis → worker → realtime and reaches a socket client, live and after a reconnect. */
class WebhookToWebSocketIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    private Platform platform() {
        return PLATFORM.platform();
    }

    private long postFailedWorkflowRun(Webhooks webhooks) {
        HttpResponse<String> response = webhooks.github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        JsonNode body = Webhooks.json(response.body());
        assertEquals("accepted", body.path("status").asText(), response.body());
        return body.path("id").asLong();
    }

    @Test
    void failedWorkflowRunArrivesOnTheSocketAsAnErrorAlert() throws Exception {
        Webhooks webhooks = new Webhooks(platform());
        try (LiveSocket socket =
                LiveSocket.connect(platform().http(), platform().realtimeSocket(""))) {
            long eventId = postFailedWorkflowRun(webhooks);

            JsonNode message = socket.awaitAlertFor(eventId, DELIVERY);

            JsonNode alert = message.path("data");
            assertEquals("error", alert.path("severity").asText(), message.toString());
            assertEquals("github", alert.path("source").asText(), message.toString());
            assertEquals("workflow_run", alert.path("eventType").asText(), message.toString());
            assertFalse(message.path("id").asText().isBlank(), "a live alert carries its feed id: " + message);
        }
    }

    @Test
    void reconnectWithSinceReceivesWhatItMissed() throws Exception {
        Webhooks webhooks = new Webhooks(platform());
        try (LiveSocket observer =
                LiveSocket.connect(platform().http(), platform().realtimeSocket(""))) {
            String lastSeen;
            try (LiveSocket dashboard =
                    LiveSocket.connect(platform().http(), platform().realtimeSocket(""))) {
                long seen = postFailedWorkflowRun(webhooks);
                lastSeen = dashboard.awaitAlertFor(seen, DELIVERY).path("id").asText();
            }
            long missed = postFailedWorkflowRun(webhooks);
            // the observer proves the missed alert was published before the dashboard comes back
            String missedFeedId =
                    observer.awaitAlertFor(missed, DELIVERY).path("id").asText();

            try (LiveSocket resumed = LiveSocket.connect(platform().http(), resumeUri(lastSeen))) {
                JsonNode caughtUp = resumed.awaitAlertFor(missed, DELIVERY);

                assertAll(
                        () -> assertEquals(
                                missed,
                                resumed.alerts()
                                        .get(0)
                                        .path("data")
                                        .path("eventId")
                                        .asLong(),
                                "catch-up starts after the last id the client saw: " + resumed.alerts()),
                        // the page resumes from this id next time, so a caught-up alert must carry it like a live one
                        () -> assertEquals(missedFeedId, caughtUp.path("id").asText(), caughtUp.toString()));
            }
        }
    }

    private URI resumeUri(String since) {
        return platform().realtimeSocket("since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
    }
}
