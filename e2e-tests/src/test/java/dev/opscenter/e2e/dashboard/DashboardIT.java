package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import dev.opscenter.e2e.platform.AdminApi;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard in a real headless Chromium against the running services. */
class DashboardIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    private DashboardPage page;

    @BeforeEach
    void openDashboard() {
        page = new DashboardPage(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
    }

    @Test
    void showsStatsAndHealthOfEveryComponent() {
        page.awaitStats();

        for (String component : List.of("postgres", "redis", "worker", "realtime")) {
            // the page polls health every 15 s, so a component that just came up turns green on a later poll
            Awaitility.await(component + " health dot is ok")
                    .atMost(Duration.ofSeconds(40))
                    .ignoreExceptions()
                    .until(() -> page.health(component), "ok"::equals);
        }
        assertEquals(List.of(), uncaughtErrors(), "the page logs no uncaught script errors");
    }

    @Test
    void criticalWebhookAppearsLiveAndOpensItsEvent() {
        page.awaitLive();
        page.markPageInstance("before-webhook");

        HttpResponse<String> response =
                new Webhooks(PLATFORM.platform()).stripe(Webhooks.fixture("stripe/charge.dispute.created.json"));
        assertEquals(202, response.statusCode(), response.body());
        long eventId = Webhooks.json(response.body()).path("id").asLong();

        Locator alert = page.awaitTopAlertFor(eventId, DELIVERY);
        assertEquals("before-webhook", page.pageInstanceMarker(), "the alert arrived without a page reload");
        assertEquals("critical", alert.getAttribute("data-severity"));
        assertTrue(alert.getAttribute("class").contains("sev-critical"), alert.getAttribute("class"));
        // stats refresh shortly after a live alert, not only on the 15 s poll
        page.awaitStat("criticalAlerts24h", "1", Duration.ofSeconds(8));
        BROWSER.screenshot(SCREENSHOTS.resolve("dashboard.png"));

        String payload = page.openEvent(alert);
        assertTrue(payload.contains("\"type\": \"charge.dispute.created\""), payload);
        assertTrue(payload.contains("du_1TbG46JEe0yY0QKr8P0G3pa3"), payload);
        BROWSER.screenshot(SCREENSHOTS.resolve("event-detail.png"));
        assertEquals(List.of(), uncaughtErrors(), "the page logs no uncaught script errors");
    }

    @Test
    void alertsThatArriveTogetherAllAppearLive() {
        page.awaitLive();
        page.markPageInstance("before-burst");
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        String fixture = new String(Webhooks.failedWorkflowRun(), StandardCharsets.UTF_8);

        // sent at once, so the worker publishes them together and the socket carries them in one batch frame
        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, 5)
                .mapToObj(i -> {
                    ObjectNode body = (ObjectNode) Webhooks.json(fixture);
                    ((ObjectNode) body.path("workflow_run")).put("id", 7_000_000 + i);
                    return CompletableFuture.supplyAsync(() ->
                            webhooks.github("workflow_run", body.toString().getBytes(StandardCharsets.UTF_8)));
                })
                .toList();
        Set<String> eventIds = sent.stream()
                .map(CompletableFuture::join)
                .map(response -> {
                    assertEquals(202, response.statusCode(), response.body());
                    return Webhooks.json(response.body()).path("id").asText();
                })
                .collect(Collectors.toSet());

        Awaitility.await("all five alerts in the live feed")
                .atMost(DELIVERY)
                .ignoreExceptions()
                .until(() -> page.feedEventIds().containsAll(eventIds));
        assertEquals("before-burst", page.pageInstanceMarker(), "the alerts arrived without a page reload");
        assertEquals(List.of(), uncaughtErrors(), "the page logs no uncaught script errors");
    }

    @Test
    void markReadIsStoredOnTheServer() {
        page.awaitLive();
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        HttpResponse<String> response = webhooks.github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        long eventId = Webhooks.json(response.body()).path("id").asLong();
        Locator alert = page.awaitTopAlertFor(eventId, DELIVERY);
        String alertId = alert.getAttribute("data-alert-id");

        page.markRead(alert);

        Awaitility.await("alert " + alertId + " read on the server")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Webhooks.json(
                                webhooks.admin("/api/alerts/" + alertId).body())
                        .path("read")
                        .asBoolean());
        assertTrue(alert.getAttribute("class").contains("is-read"), alert.getAttribute("class"));
    }

    @Test
    void anAlertIsAcknowledgedFromTheFeedAndAResolveElsewhereShowsLive() {
        page.awaitLive();
        page.markPageInstance("before-triage");
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        HttpResponse<String> response = webhooks.github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        Locator alert =
                page.awaitTopAlertFor(Webhooks.json(response.body()).path("id").asLong(), DELIVERY);
        String alertId = alert.getAttribute("data-alert-id");
        assertEquals(List.of("Acknowledge", "Resolve"), page.offeredTriage(alert), "an open alert");

        page.triage(alert, "acknowledge", "acknowledged");

        assertEquals("Acknowledged by " + Platform.ADMIN_USER, page.triageText(alert), "the signed-in user acted");
        assertEquals(List.of("Resolve", "Reopen"), page.offeredTriage(alert));
        assertEquals(
                "acknowledged",
                Webhooks.json(webhooks.admin("/api/alerts/" + alertId).body())
                        .path("state")
                        .asText(),
                "stored on the server");

        // another operator resolves it: this page hears it over the socket
        HttpResponse<String> resolved =
                new AdminApi(PLATFORM.platform()).post("/api/alerts/" + alertId + "/resolve", Webhooks.ADMIN_TOKEN, "");
        assertEquals(200, resolved.statusCode(), resolved.body());
        page.awaitState(alert, "resolved");
        assertEquals(List.of("Reopen"), page.offeredTriage(alert));
        assertEquals("before-triage", page.pageInstanceMarker(), "without a reload");
        assertEquals(List.of(), uncaughtErrors(), "the page logs no uncaught script errors");
    }

    private static List<String> uncaughtErrors() {
        return BROWSER.uncaughtErrors();
    }
}
