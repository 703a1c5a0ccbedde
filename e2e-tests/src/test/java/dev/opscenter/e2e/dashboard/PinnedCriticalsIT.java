package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An open critical stays pinned above the feed, and counted in the tab title, whatever arrives after it, until
 * someone acknowledges it — from the pin itself here — and a reload finds the pins as the server has them.
 */
class PinnedCriticalsIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @Test
    void anOpenCriticalStaysPinnedAndCountedUntilAcknowledged() {
        DashboardPage page = new DashboardPage(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        page.awaitLive();
        assertEquals(List.of(), page.pinnedAlertIds(), "nothing pinned on a fresh platform");

        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        HttpResponse<String> critical = webhooks.stripe(Webhooks.fixture("stripe/charge.dispute.created.json"));
        assertEquals(202, critical.statusCode(), critical.body());
        String alertId = page.awaitTopAlertFor(
                        Webhooks.json(critical.body()).path("id").asLong(), DELIVERY)
                .getAttribute("data-alert-id");
        awaitPinned(page, List.of(alertId));
        assertTrue(page.title().startsWith("(1) "), page.title());

        // a burst of other alerts pushes the critical down the feed; the pin stays
        String run = new String(Webhooks.failedWorkflowRun(), StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    202,
                    webhooks.github("workflow_run", run.getBytes(StandardCharsets.UTF_8))
                            .statusCode());
        }
        page.open(PLATFORM.platform().ingress()); // a reload too: the pins come from the server
        page.signIn();
        page.awaitLive();
        awaitPinned(page, List.of(alertId));

        page.acknowledgePinned(alertId);
        awaitPinned(page, List.of());
        assertEquals("OpsCenter", page.title(), "no count once none is open");
    }

    private static void awaitPinned(DashboardPage page, List<String> ids) {
        Awaitility.await("pinned " + ids)
                .atMost(DELIVERY)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(page::pinnedAlertIds, ids::equals);
    }
}
