package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Replay all failed" on the Events page, filtered to one source: the confirmation counts that source's failed events
 * (not another source's), and once confirmed the worker processes every one of them again.
 */
class ReplayAllFailedIT {
    private static final int FAILED = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @Test
    void replayAllFailedOfASourceSaysHowManyAndProcessesThemAll() throws SQLException {
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        List<Long> github = IntStream.range(0, FAILED)
                .mapToObj(i -> processed(webhooks.github("workflow_run", Webhooks.failedWorkflowRun())))
                .toList();
        long stripe = processed(webhooks.stripe(Webhooks.fixture("stripe/charge.dispute.created.json")));
        // failed as a parser would leave them; the payloads themselves are fine, so a replay processes them
        sql(
                "UPDATE webhook_events SET status = 'failed', attempts = 3, error = 'parser refused the payload' WHERE id IN ("
                        + IntStream.range(0, FAILED)
                                .mapToObj(i -> github.get(i).toString())
                                .collect(Collectors.joining(","))
                        + "," + stripe + ")");

        DashboardPage dashboard = new DashboardPage(BROWSER.page());
        dashboard.open(PLATFORM.platform().ingress());
        dashboard.signIn();
        EventsPage events = new EventsPage(BROWSER.page());
        dashboard.go("#/events?source=github&status=failed");
        assertThat(events.cards()).hasCount(FAILED);

        String question = events.replayAllFailed(true);
        assertEquals("Replay " + FAILED + " failed events of github?", question);
        assertThat(events.outcome()).hasText(FAILED + " failed events are queued to be processed again.");

        for (long id : github) {
            Awaitility.await("event " + id + " processed again")
                    .atMost(DEADLINE)
                    .until(() -> api("/api/events/" + id).path("status").asText(), "processed"::equals);
        }
        assertEquals(
                "failed",
                api("/api/events/" + stripe).path("status").asText(),
                "another source's event is left as it was");
        BROWSER.page().reload();
        dashboard.signIn();
        assertThat(events.section()).containsText("No events match these filters.");
        assertThat(events.cards()).hasCount(0);
    }

    /** The id of the event the webhook stored, once the worker has processed it. */
    private static long processed(HttpResponse<String> response) {
        return new Webhooks(PLATFORM.platform()).awaitProcessed(Webhooks.accepted(response), DEADLINE);
    }

    private static JsonNode api(String path) {
        return new Webhooks(PLATFORM.platform()).admin("GET", path, null, 200);
    }

    private static void sql(String statement) throws SQLException {
        PLATFORM.environment().execute(statement);
    }
}
