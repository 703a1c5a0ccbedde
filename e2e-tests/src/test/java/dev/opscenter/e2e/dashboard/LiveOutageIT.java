package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard while realtime-service is killed and restarted: a banner with a ticking countdown and "Reconnect
 * now", alerts and cards kept current over REST meanwhile, and live again without a duplicate row afterwards.
 */
class LiveOutageIT {
    private static final String REALTIME = "realtime-service";
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Duration BANNER = Duration.ofSeconds(20);
    // the page backs off up to 30 s between attempts, but reconnects as soon as ingress reports realtime healthy
    private static final Duration RECONNECT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @Test
    void realtimeOutageIsShownPolledOverAndRecoveredWithoutDuplicates() {
        Platform platform = PLATFORM.platform();
        Webhooks webhooks = new Webhooks(platform);
        DashboardPage page = new DashboardPage(BROWSER.page());
        page.open(platform.ingress());
        page.signIn();
        page.awaitLive();
        page.awaitStats();
        page.enableSound();
        page.markPageInstance("before-outage");

        platform.kill(REALTIME);
        page.awaitOutageBanner(true, BANNER);
        awaitCountdownTick(page);
        BROWSER.screenshot(SCREENSHOTS.resolve("outage-banner.png"));

        // with realtime down the only way for this alert to reach the page is the REST poll
        long polledEvent = Webhooks.accepted(webhooks.stripe(Webhooks.fixture("stripe/charge.dispute.created.json")));
        page.awaitAlertFor(polledEvent, DELIVERY);
        assertTrue(page.outageBannerShown(), "the alert came by polling while the banner was up");
        Awaitility.await("the polled critical sounds")
                .atMost(DELIVERY)
                .pollInterval(Duration.ofMillis(100))
                .until(page::soundsPlayed, n -> n == 1);
        String criticals = Webhooks.json(webhooks.admin("/api/stats").body())
                .path("criticalAlerts24h")
                .asText();
        page.awaitStat("criticalAlerts24h", criticals, DELIVERY);

        pressReconnectNow(page);
        assertTrue(page.outageBannerShown(), "realtime is still down, so the banner stays");

        platform.restart(REALTIME);
        page.awaitOutageBanner(false, RECONNECT);
        page.awaitLive();

        long liveEvent = Webhooks.accepted(webhooks.github("workflow_run", Webhooks.failedWorkflowRun()));
        page.awaitTopAlertFor(liveEvent, DELIVERY);
        List<String> alertIds = page.feedAlertIds();
        assertEquals(alertIds.size(), new HashSet<>(alertIds).size(), "no alert shows twice: " + alertIds);
        assertTrue(page.feedEventIds().contains(Long.toString(polledEvent)), "the polled alert is still shown");
        assertEquals("before-outage", page.pageInstanceMarker(), "the page was never reloaded");
        assertEquals(
                1,
                page.soundsPlayed(),
                "the critical sounded once: not again from the socket's catch-up or the reconnect check");
        assertEquals(List.of(), uncaughtErrors(), "the page logs no uncaught script errors");
    }

    /** Waits until two readings of the countdown in a row differ by exactly one second, downwards. */
    private static void awaitCountdownTick(DashboardPage page) {
        int[] last = {page.countdownSeconds()};
        Awaitility.await("the countdown steps down one second")
                .atMost(BANNER)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    int now = page.countdownSeconds();
                    boolean ticked = last[0] > 0 && now == last[0] - 1;
                    last[0] = now;
                    return ticked;
                });
    }

    /** Presses "Reconnect now" and waits for the attempt it started to be counted. */
    private static void pressReconnectNow(DashboardPage page) {
        int before = page.reconnectAttempts();
        page.reconnectNow();
        Awaitility.await("an attempt started by Reconnect now")
                .atMost(BANNER)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> "button".equals(page.reconnectTrigger()) && page.reconnectAttempts() > before);
    }

    private static List<String> uncaughtErrors() {
        return BROWSER.uncaughtErrors();
    }
}
