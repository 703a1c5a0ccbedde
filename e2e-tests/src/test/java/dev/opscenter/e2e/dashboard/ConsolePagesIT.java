package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @RegisterExtension
    // 400 is a permanent refusal: the first attempt already leaves the delivery failed
    static final StatusReceiver RECEIVER = new StatusReceiver(400);

    @Test
    void aFailedEventsPayloadOpensAndReplayTakesItOutOfFailed() throws SQLException {
        long id = processedEvent();
        sql("UPDATE webhook_events SET status = 'failed', attempts = 3, error = 'parser refused the payload'"
                + " WHERE id = " + id);
        DashboardPage page = signedIn();
        EventsPage events = new EventsPage(BROWSER.page());

        page.go("#/events?status=failed");
        Locator card = events.card(id);
        assertThat(card).isVisible(new IsVisibleOptions().setTimeout(DEADLINE.toMillis()));
        assertEquals("failed", card.getAttribute("data-status"));
        assertEquals("parser refused the payload", events.cardError(card));
        shoot("events.png");
        assertFitsAPhone(page, "the events page");

        events.openEvent(card);
        Locator payload = events.json("payload");
        assertThat(payload).containsText("\"workflow_run\"", new ContainsTextOptions().setTimeout(DEADLINE.toMillis()));
        assertTrue(payload.innerText().contains("\"conclusion\""), payload.innerText());
        assertTrue(events.copyJson("payload").isVisible());
        assertTrue(events.json("headers").innerText().contains("x-github-event"));
        assertTrue(events.timeline().innerText().contains("Failed after 3 attempts"));
        assertFitsAPhone(page, "the event drawer");
        shoot("event-detail.png");

        assertTrue(events.replayButton().isVisible(), "a failed event offers Replay");
        events.replayButton().click();
        assertThat(events.drawerStatus())
                .hasAttribute(
                        "data-event-status", "processed", new HasAttributeOptions().setTimeout(DEADLINE.toMillis()));
        assertEquals("processed", api("/api/events/" + id).path("status").asText());
        assertFalse(events.replayButton().isVisible(), "a processed event offers no Replay");

        page.closeDrawer("event-drawer");
        assertEquals("#/events?status=failed", page.hash(), "closing the drawer returns to the filtered list");
        assertTrue(events.section().isVisible());
    }

    @Test
    void aRefusedDeliveryIsRetriedFromItsSubscription() {
        RECEIVER.answer(400);
        HttpResponse<String> created = new Webhooks(PLATFORM.platform())
                .admin(
                        "POST",
                        "/api/subscriptions",
                        "{\"name\":\"Ops relay\",\"eventTypes\":[\"*\"],\"url\":\"" + RECEIVER.uri("/relay") + "\"}");
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
        RECEIVER.answer(200);
        DashboardPage page = signedIn();
        SubscriptionsPage subscriptions = new SubscriptionsPage(BROWSER.page());

        page.go("#/subscriptions");
        Locator card = subscriptions.resources().cardOf(subscription);
        assertThat(card).isVisible(new IsVisibleOptions().setTimeout(DEADLINE.toMillis()));
        assertTrue(card.innerText().contains(RECEIVER.uri("/relay").toString()), card.innerText());
        assertTrue(card.innerText().contains("all event types"), card.innerText());
        subscriptions.openDeliveries(card);
        Locator row = subscriptions.deliveries("failed");
        assertThat(row).isVisible(new IsVisibleOptions().setTimeout(DEADLINE.toMillis()));
        assertThat(subscriptions.attempts(row))
                .containsText("HTTP 400", new ContainsTextOptions().setTimeout(DEADLINE.toMillis()));
        assertThat(subscriptions.endpointHealth())
                .containsText("Last hour", new ContainsTextOptions().setTimeout(DEADLINE.toMillis()));
        shoot("subscriptions.png");
        assertFitsAPhone(page, "the deliveries of a subscription");

        subscriptions.retry(row);
        assertThat(subscriptions.deliveries("succeeded"))
                .hasCount(1, new HasCountOptions().setTimeout(DEADLINE.toMillis()));
        assertEquals(
                "succeeded",
                api("/api/deliveries?subscription=" + subscription)
                        .path("items")
                        .get(0)
                        .path("status")
                        .asText());
        subscriptions.closeDeliveries();
    }

    @Test
    void theQueuesPageShowsTheThreeStreams() {
        processedEvent(); // the events stream exists and its group has read it
        DashboardPage page = signedIn();
        Queues queues = new Queues(BROWSER.page());

        page.go("#/queues");
        assertThat(queues.cards()).hasCount(3, new HasCountOptions().setTimeout(DEADLINE.toMillis()));
        assertEquals(List.of("events", "notifications", "deliveries"), queues.names());
        Locator events = queues.card("events");
        assertNotEquals("", queues.fact(events, "Length").innerText());
        assertTrue(events.innerText().contains("Consumers (group workers)"), events.innerText());
        assertTrue(queues.consumers(events).count() > 0, "the worker's consumer is listed: " + events.innerText());
        shoot("queues.png");
        assertFitsAPhone(page, "the queues page");
    }

    private static DashboardPage signedIn() {
        DashboardPage page = new DashboardPage(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        return page;
    }

    /** A GitHub webhook stored and processed by the worker; its id. */
    private static long processedEvent() {
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        return webhooks.awaitProcessed(
                Webhooks.accepted(webhooks.github("workflow_run", Webhooks.failedWorkflowRun())), DEADLINE);
    }

    private static JsonNode api(String path) {
        return new Webhooks(PLATFORM.platform()).admin("GET", path, null, 200);
    }

    private static void sql(String statement) throws SQLException {
        PLATFORM.environment().execute(statement);
    }

    private static void assertFitsAPhone(DashboardPage page, String what) {
        BROWSER.phone(390, 800);
        try {
            assertEquals(0, page.sidewaysOverflow(), what + " scrolls sideways at 390 px");
        } finally {
            BROWSER.desktop();
        }
    }

    private static void shoot(String name) {
        BROWSER.screenshot(SCREENSHOTS.resolve(name));
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
}
