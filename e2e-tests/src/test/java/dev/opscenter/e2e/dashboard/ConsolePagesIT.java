package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The console's Events, Subscriptions and Queues pages in a headless Chromium against the running services: a failed
 * event's payload is opened and replayed until it leaves failed, a delivery a receiver refused is retried from its
 * subscription once the receiver accepts, and the queues page lists the three work streams. Each fits a phone.
 */
class ConsolePagesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");
    /** The README's pictures: docs/screenshots/ of the repository this module lives in. */
    private static final Path DOC_SCREENSHOTS = Platform.docScreenshots();

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    private static Browser browser;
    private static StatusReceiver receiver;

    @BeforeAll
    static void setUp() throws IOException {
        // 400 is a permanent refusal: the first attempt already leaves the delivery failed
        receiver = StatusReceiver.start(400);
        browser = Browser.start(Platform.buildDir().resolve("e2e-logs").resolve(ConsolePagesIT.class.getSimpleName()));
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
    void aFailedEventsPayloadOpensAndReplayTakesItOutOfFailed() throws SQLException {
        long id = processedEvent();
        sql("UPDATE webhook_events SET status = 'failed', attempts = 3, error = 'parser refused the payload'"
                + " WHERE id = " + id);
        DashboardPage page = signedIn();

        go("#/events?status=failed");
        WebElement card = await(
                "the failed event listed",
                () -> browser.driver().findElement(By.cssSelector("[data-events-list] li[data-event-id='" + id + "']")),
                WebElement::isDisplayed);
        assertEquals("failed", card.getAttribute("data-status"));
        assertEquals(
                "parser refused the payload",
                card.findElement(By.cssSelector(".event-card-error")).getText());
        shoot("events.png");
        assertFitsAPhone(page, "the events page");

        card.findElement(By.cssSelector("a.event-link")).click();
        WebElement payload = await(
                "the payload shown",
                () -> browser.driver().findElement(By.cssSelector("#event-drawer [data-json-view='payload'] pre")),
                e -> e.getText().contains("\"workflow_run\""));
        assertTrue(payload.getText().contains("\"conclusion\""), payload.getText());
        assertTrue(browser.driver()
                .findElement(By.cssSelector("#event-drawer [data-json-copy='payload']"))
                .isDisplayed());
        assertTrue(browser.driver()
                .findElement(By.cssSelector("#event-drawer [data-json-view='headers'] pre"))
                .getText()
                .contains("x-github-event"));
        assertTrue(browser.driver()
                .findElement(By.cssSelector("#event-drawer [data-timeline]"))
                .getText()
                .contains("Failed after 3 attempts"));
        assertFitsAPhone(page, "the event drawer");
        shoot("event-detail.png");

        WebElement replay = browser.driver().findElement(By.cssSelector("#event-drawer [data-detail-replay]"));
        assertTrue(replay.isDisplayed(), "a failed event offers Replay");
        replay.click();
        await(
                "the drawer showing the event processed again",
                () -> browser.driver()
                        .findElement(By.cssSelector("#event-drawer [data-event-status]"))
                        .getAttribute("data-event-status"),
                "processed"::equals);
        assertEquals("processed", api("/api/events/" + id).path("status").asText());
        assertTrue(
                !browser.driver()
                        .findElement(By.cssSelector("#event-drawer [data-detail-replay]"))
                        .isDisplayed(),
                "a processed event offers no Replay");

        page.closeDrawer("event-drawer");
        assertEquals(
                "#/events?status=failed",
                ((JavascriptExecutor) browser.driver()).executeScript("return window.location.hash;"),
                "closing the drawer returns to the filtered list");
        assertTrue(browser.driver()
                .findElement(By.cssSelector("[data-page='events']"))
                .isDisplayed());
    }

    @Test
    void aRefusedDeliveryIsRetriedFromItsSubscription() {
        receiver.answer(400);
        HttpResponse<String> created = new Webhooks(PLATFORM.platform())
                .admin(
                        "POST",
                        "/api/subscriptions",
                        "{\"name\":\"Ops relay\",\"eventTypes\":[\"*\"],\"url\":\"" + receiver.uri("/relay") + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        long subscription = Webhooks.json(created.body()).path("id").asLong();
        long event = processedEvent();
        JsonNode failed = Awaitility.await("the delivery refused")
                .atMost(DEADLINE)
                .until(
                        () -> api("/api/deliveries?status=failed&subscription=" + subscription)
                                .path("items"),
                        items -> items.size() == 1);
        assertEquals(event, failed.get(0).path("eventId").asLong());
        receiver.answer(200);
        DashboardPage page = signedIn();

        go("#/subscriptions");
        WebElement card = await(
                "the subscription listed",
                () -> browser.driver().findElement(By.cssSelector(".resource-card[data-id='" + subscription + "']")),
                WebElement::isDisplayed);
        assertTrue(card.getText().contains(receiver.uri("/relay").toString()), card.getText());
        assertTrue(card.getText().contains("all event types"), card.getText());
        card.findElement(By.cssSelector("[data-open-deliveries]")).click();
        WebElement row = await(
                "the failed delivery listed",
                () -> browser.driver().findElement(By.cssSelector("[data-deliveries-list] li[data-status='failed']")),
                WebElement::isDisplayed);
        row.findElement(By.cssSelector("details.delivery-attempts summary")).click();
        await(
                "the refused attempt in the timeline",
                () -> row.findElement(By.cssSelector("[data-timeline]")).getText(),
                text -> text.contains("HTTP 400"));
        await(
                "the endpoint's health",
                () -> browser.driver()
                        .findElement(By.cssSelector("[data-endpoint-health]"))
                        .getText(),
                text -> text.contains("Last hour"));
        shoot("subscriptions.png");
        assertFitsAPhone(page, "the deliveries of a subscription");

        row.findElement(By.cssSelector("[data-delivery-retry]")).click();
        await(
                "the delivery succeeded on the page",
                () -> browser.driver()
                        .findElements(By.cssSelector("[data-deliveries-list] li[data-status='succeeded']"))
                        .size(),
                n -> n == 1);
        assertEquals(
                "succeeded",
                api("/api/deliveries?subscription=" + subscription)
                        .path("items")
                        .get(0)
                        .path("status")
                        .asText());
        browser.driver().findElement(By.cssSelector("[data-deliveries-close]")).click();
    }

    @Test
    void theQueuesPageShowsTheThreeStreams() {
        processedEvent(); // the events stream exists and its group has read it
        DashboardPage page = signedIn();

        go("#/queues");
        List<String> queues = await(
                "three queue cards",
                () -> browser.driver().findElements(By.cssSelector("[data-queues-list] li[data-queue]")).stream()
                        .map(e -> e.getAttribute("data-queue"))
                        .toList(),
                names -> names.size() == 3);
        assertEquals(List.of("events", "notifications", "deliveries"), queues);
        WebElement events = browser.driver().findElement(By.cssSelector("li[data-queue='events']"));
        assertNotEquals(
                "", events.findElement(By.cssSelector("[data-fact='Length']")).getText());
        assertTrue(events.getText().contains("Consumers (group workers)"), events.getText());
        assertTrue(
                !events.findElements(By.cssSelector("[data-consumer]")).isEmpty(),
                "the worker's consumer is listed: " + events.getText());
        shoot("queues.png");
        assertFitsAPhone(page, "the queues page");
    }

    private static DashboardPage signedIn() {
        DashboardPage page = new DashboardPage(browser.driver());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        return page;
    }

    private static void go(String hash) {
        ((JavascriptExecutor) browser.driver()).executeScript("window.location.hash = arguments[0];", hash);
    }

    /** A GitHub webhook stored and processed by the worker; its id. */
    private static long processedEvent() {
        HttpResponse<String> response =
                new Webhooks(PLATFORM.platform()).github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, response.statusCode(), response.body());
        long id = Webhooks.json(response.body()).path("id").asLong();
        Awaitility.await("event " + id + " processed")
                .atMost(DEADLINE)
                .until(() -> api("/api/events/" + id).path("status").asText(), "processed"::equals);
        return id;
    }

    private static JsonNode api(String path) {
        HttpResponse<String> response = new Webhooks(PLATFORM.platform()).admin(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Webhooks.json(response.body());
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = PLATFORM.environment().connection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void assertFitsAPhone(DashboardPage page, String what) {
        browser.emulateViewport(390, 800);
        try {
            assertEquals(0, page.sidewaysOverflow(), what + " scrolls sideways at 390 px");
        } finally {
            browser.clearViewport();
        }
    }

    private static void shoot(String name) {
        browser.screenshot(SCREENSHOTS.resolve(name));
        try {
            Files.createDirectories(DOC_SCREENSHOTS);
            Files.copy(
                    SCREENSHOTS.resolve(name),
                    DOC_SCREENSHOTS.resolve(name),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(String what, Callable<T> supplier, Predicate<? super T> done) {
        return Awaitility.await(what)
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(supplier, done);
    }
}
