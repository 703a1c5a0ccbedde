package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A silence made on the Silences page mutes its source's notifications but not its alerts: with a rule that notifies
 * every alert, a GitHub alert raised under a silence of the github source shows in the live feed and gets no
 * notification, while a Stripe alert raised after it is notified as usual (so the panel was live and the worker had
 * planned past the muted one).
 */
class SilenceSuppressesIT {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @RegisterExtension
    static final StatusReceiver RECEIVER = new StatusReceiver(200);

    @BeforeAll
    static void setUp() {
        Webhooks admin = new Webhooks(PLATFORM.platform());
        long channel = admin.admin(
                        "POST",
                        "/api/channels",
                        Map.of(
                                "name",
                                "Ops hook",
                                "type",
                                "webhook",
                                "config",
                                Map.of("url", RECEIVER.uri("/hooks/ops").toString())),
                        201)
                .path("id")
                .asLong();
        // any source; the recipient is not a URL, so the worker posts to the channel's config.url
        admin.admin(
                "POST",
                "/api/notification-rules",
                Map.of("name", "Every alert", "channelId", channel, "recipients", List.of("ops-hook")),
                201);
    }

    @Test
    void aSilencedSourceStillRaisesItsAlertButSendsNoNotification() {
        DashboardPage page = new DashboardPage(BROWSER.page());
        NotificationsPanel panel = new NotificationsPanel(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        ResourcePage silences = new ResourcePage(BROWSER.page(), "silences").openFromNav();
        silences.startCreate();
        silences.select("source", "github");
        silences.fill("comment", "Deploy freeze");
        silences.submit();
        assertEquals("active", silences.silenceState(silences.awaitCard("Deploy freeze")));

        page.openPageLink("");
        page.awaitLive();
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        long muted = Webhooks.accepted(webhooks.github("workflow_run", Webhooks.failedWorkflowRun()));
        page.awaitAlertFor(muted, DELIVERY);
        long notified = Webhooks.accepted(webhooks.stripe(Webhooks.fixture("stripe/charge.dispute.created.json")));
        page.awaitAlertFor(notified, DELIVERY);

        panel.awaitRowFor(notified, "sent", DELIVERY);
        assertThat(panel.row(muted)).hasCount(0);
        JsonNode logs =
                webhooks.admin("GET", "/api/notification-logs", null, 200).path("items");
        assertEquals(1, logs.size(), "one notification, the Stripe alert's: " + logs);
        assertEquals(notified, logs.get(0).path("eventId").asLong());
        assertEquals(1, RECEIVER.requests(), "only the Stripe alert reached the channel");
        // the README's picture of the live view: a critical pinned, both alerts in the feed, the notification sent,
        // the cards and charts as a fresh load draws them (the cards refresh on a timer)
        BROWSER.page().reload();
        page.signIn();
        page.awaitStat("webhooksToday", "2", DELIVERY);
        page.awaitStat("criticalAlerts24h", "1", DELIVERY);
        panel.awaitRowFor(notified, "sent", DELIVERY);
        BROWSER.screenshot(Platform.docScreenshots().resolve("live.png"));
    }
}
