package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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

    private static Browser browser;
    private static StatusReceiver receiver;

    @BeforeAll
    static void setUp() throws IOException {
        // 400 is a permanent refusal, so the first attempt already leaves the notification failed
        receiver = StatusReceiver.start(400);
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
                                Map.of("url", receiver.uri("/hooks/ops").toString())))
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
        browser = Browser.start(
                Platform.buildDir().resolve("e2e-logs").resolve(NotificationsPanelIT.class.getSimpleName()));
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void failedNotificationAppearsLiveAndRetryTurnsItSent() {
        DashboardPage page = new DashboardPage(browser.driver());
        NotificationsPanel panel = new NotificationsPanel(browser.driver());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        page.awaitLive();
        page.markPageInstance("before-webhook");
        int requestsBefore = receiver.requests();

        HttpResponse<String> response =
                new Webhooks(PLATFORM.platform()).github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        long eventId = Webhooks.json(response.body()).path("id").asLong();

        WebElement row = panel.awaitRowFor(eventId, "failed", DELIVERY);
        assertEquals("before-webhook", page.pageInstanceMarker(), "the notification arrived without a page reload");
        assertAll(
                () -> assertEquals("failed", panel.cell(row, "status")),
                () -> assertEquals("webhook", panel.cell(row, "channel")),
                () -> assertEquals("ops-hook", panel.cell(row, "recipient")),
                () -> assertEquals("1", panel.cell(row, "attempts")),
                () -> assertTrue(panel.cell(row, "error").contains("HTTP 400"), panel.cell(row, "error")),
                () -> assertTrue(
                        row.findElement(By.cssSelector("button[data-retry]")).isDisplayed(),
                        "failed rows offer Retry"));

        panel.scrollIntoView();
        browser.screenshot(SCREENSHOTS.resolve("notifications-failed.png"));

        receiver.answer(200);
        String outcome = panel.retry(row);
        assertTrue(outcome.contains("queued"), outcome);

        WebElement sent = panel.awaitRowFor(eventId, "sent", DELIVERY);
        assertEquals("before-webhook", page.pageInstanceMarker(), "the retry's result arrived without a page reload");
        assertEquals(row, sent, "the row was updated in place");
        assertEquals(
                1,
                browser.driver()
                        .findElements(By.cssSelector("#notification-rows tr[data-event-id='" + eventId + "']"))
                        .size());
        assertFalse(sent.findElement(By.cssSelector("button[data-retry]")).isDisplayed(), "sent rows offer no Retry");
        assertEquals(2, receiver.requests() - requestsBefore, "one refused and one accepted POST");
        long id = Long.parseLong(sent.getAttribute("data-notification-id"));
        JsonNode stored = Awaitility.await("notification " + id + " sent on the server")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> notification(id),
                        n -> "sent".equals(n.path("status").asText()));
        // the socket carries the row in the REST log's shape (all but the body), so the row shows what REST has
        assertEquals(stored.path("subject").asText(), panel.cell(sent, "subject"));
        panel.scrollIntoView();
        browser.screenshot(SCREENSHOTS.resolve("notifications.png"));

        WebElement drawer = panel.openDetail(sent);
        assertEquals(
                "sent",
                drawer.findElement(By.cssSelector("[data-notification-status]"))
                        .getAttribute("data-notification-status"));
        assertTrue(drawer.getText().matches("(?s).*Response code\\s+200.*"), drawer.getText());
        browser.screenshot(SCREENSHOTS.resolve("notification-detail.png"));
        assertEquals(
                List.of(),
                browser.severeConsoleMessages().stream()
                        .filter(m -> m.contains("Uncaught"))
                        .toList(),
                "the page logs no uncaught script errors");
    }

    @Test
    void pageFitsAPhoneWidthWithAndWithoutADetailOpen() {
        receiver.answer(400);
        DashboardPage page = new DashboardPage(browser.driver());
        NotificationsPanel panel = new NotificationsPanel(browser.driver());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        page.awaitLive();
        HttpResponse<String> response =
                new Webhooks(PLATFORM.platform()).github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        long eventId = Webhooks.json(response.body()).path("id").asLong();
        // a failed row has the widest table: last error, Retry button and the hidden "Actions" header
        WebElement row = panel.awaitRowFor(eventId, "failed", DELIVERY);
        WebElement alert = page.awaitTopAlertFor(eventId, DELIVERY);

        browser.emulateViewport(375, 800);
        try {
            assertEquals(0, page.sidewaysOverflow(), "the main page scrolls sideways at 375 px");
            browser.screenshot(SCREENSHOTS.resolve("phone.png"));

            page.openEvent(alert);
            assertEquals(0, page.sidewaysOverflow(), "the event detail scrolls sideways at 375 px");
            browser.screenshot(SCREENSHOTS.resolve("phone-event-detail.png"));
            page.closeDrawer("event-drawer");

            panel.openDetail(row);
            assertEquals(0, page.sidewaysOverflow(), "the notification detail scrolls sideways at 375 px");
            page.closeDrawer("notification-drawer");
        } finally {
            browser.clearViewport();
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
