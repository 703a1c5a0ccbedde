package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifications panel in a headless Chromium: a GitHub alert is sent to a webhook peer that refuses it, the failed
 * notification appears without a reload, and after the peer recovers the Retry button turns the row to sent. With
 * such rows shown, the page and its drawers also fit a phone's width.
 */
class NotificationsPanelIT {
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @RegisterExtension
    // 400 is a permanent refusal, so the first attempt already leaves the notification failed
    static final StatusReceiver RECEIVER = new StatusReceiver(400);

    @BeforeAll
    static void setUp() {
        JsonNode sources = Webhooks.json(
                        new Webhooks(PLATFORM.platform()).admin("/api/sources").body())
                .path("items");
        long github = StreamSupport.stream(sources.spliterator(), false)
                .filter(s -> "github".equals(s.path("slug").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dev github source in " + sources))
                .path("id")
                .asLong();
        long channel = create(
                        "/api/channels",
                        Map.of(
                                "name",
                                "Ops hook",
                                "type",
                                "webhook",
                                "config",
                                Map.of("url", RECEIVER.uri("/hooks/ops").toString())))
                .path("id")
                .asLong();
        // not a URL, so the worker posts to the channel's config.url
        create(
                "/api/notification-rules",
                Map.of(
                        "name",
                        "Every GitHub alert",
                        "sourceId",
                        github,
                        "channelId",
                        channel,
                        "recipients",
                        List.of("ops-hook")));
    }

    @Test
    void failedNotificationAppearsLiveAndRetryTurnsItSent() {
        DashboardPage page = new DashboardPage(BROWSER.page());
        NotificationsPanel panel = new NotificationsPanel(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        page.awaitLive();
        page.markPageInstance("before-webhook");
        int requestsBefore = RECEIVER.requests();

        HttpResponse<String> response =
                new Webhooks(PLATFORM.platform()).github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        long eventId = Webhooks.json(response.body()).path("id").asLong();

        Locator row = panel.awaitRowFor(eventId, "failed", DELIVERY);
        assertEquals("before-webhook", page.pageInstanceMarker(), "the notification arrived without a page reload");
        assertAll(
                () -> assertEquals("failed", panel.cell(row, "status")),
                () -> assertEquals("webhook", panel.cell(row, "channel")),
                () -> assertEquals("ops-hook", panel.cell(row, "recipient")),
                () -> assertEquals("1", panel.cell(row, "attempts")),
                () -> assertTrue(panel.cell(row, "error").contains("HTTP 400"), panel.cell(row, "error")),
                () -> assertTrue(panel.retryButton(row).isVisible(), "failed rows offer Retry"));
        ElementHandle failedRow = row.elementHandle();

        panel.scrollIntoView();
        BROWSER.screenshot(SCREENSHOTS.resolve("notifications-failed.png"));

        RECEIVER.answer(200);
        String outcome = panel.retry(row);
        assertTrue(outcome.contains("queued"), outcome);

        Locator sent = panel.awaitRowFor(eventId, "sent", DELIVERY);
        assertEquals("before-webhook", page.pageInstanceMarker(), "the retry's result arrived without a page reload");
        assertTrue(panel.sameElement(failedRow, sent.elementHandle()), "the row was updated in place");
        assertEquals(1, panel.row(eventId).count());
        assertFalse(panel.retryButton(sent).isVisible(), "sent rows offer no Retry");
        assertEquals(2, RECEIVER.requests() - requestsBefore, "one refused and one accepted POST");
        long id = Long.parseLong(sent.getAttribute("data-notification-id"));
        JsonNode stored = Awaitility.await("notification " + id + " sent on the server")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> notification(id),
                        n -> "sent".equals(n.path("status").asText()));
        // the socket carries the row in the REST log's shape (all but the body), so the row shows what REST has
        assertEquals(stored.path("subject").asText(), panel.cell(sent, "subject"));
        panel.scrollIntoView();
        BROWSER.screenshot(SCREENSHOTS.resolve("notifications.png"));

        Locator drawer = panel.openDetail(sent);
        assertEquals("sent", panel.detailStatus(drawer));
        assertTrue(drawer.innerText().matches("(?s).*Response code\\s+200.*"), drawer.innerText());
        BROWSER.screenshot(SCREENSHOTS.resolve("notification-detail.png"));
        assertEquals(List.of(), BROWSER.uncaughtErrors(), "the page logs no uncaught script errors");
    }

    @Test
    void pageFitsAPhoneWidthWithAndWithoutADetailOpen() {
        RECEIVER.answer(400);
        DashboardPage page = new DashboardPage(BROWSER.page());
        NotificationsPanel panel = new NotificationsPanel(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        page.awaitLive();
        HttpResponse<String> response =
                new Webhooks(PLATFORM.platform()).github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        long eventId = Webhooks.json(response.body()).path("id").asLong();
        // a failed row has the widest table: last error, Retry button and the hidden "Actions" header
        Locator row = panel.awaitRowFor(eventId, "failed", DELIVERY);
        Locator alert = page.awaitTopAlertFor(eventId, DELIVERY);

        BROWSER.phone(375, 800);
        try {
            assertEquals(0, page.sidewaysOverflow(), "the main page scrolls sideways at 375 px");
            BROWSER.screenshot(SCREENSHOTS.resolve("phone.png"));

            page.openEvent(alert);
            assertEquals(0, page.sidewaysOverflow(), "the event detail scrolls sideways at 375 px");
            BROWSER.screenshot(SCREENSHOTS.resolve("phone-event-detail.png"));
            page.closeDrawer("event-drawer");

            panel.openDetail(row);
            assertEquals(0, page.sidewaysOverflow(), "the notification detail scrolls sideways at 375 px");
            page.closeDrawer("notification-drawer");
        } finally {
            BROWSER.desktop();
        }
    }

    private static JsonNode notification(long id) {
        return Webhooks.json(new Webhooks(PLATFORM.platform())
                .admin("/api/notification-logs/" + id)
                .body());
    }

    private static JsonNode create(String path, Object body) {
        Platform platform = PLATFORM.platform();
        try {
            HttpRequest request = HttpRequest.newBuilder(platform.ingress().resolve(path))
                    .header("Authorization", "Bearer " + Webhooks.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = platform.http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new AssertionError(
                        "POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Webhooks.json(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
