package dev.opscenter.e2e.dashboard;

import static dev.opscenter.e2e.dashboard.DashboardPage.await;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The configuration pages in a real Chromium: a source created from the page shows the URL to give its provider, a
 * new API key is shown once, an operator silences from the page, and a viewer is offered no change and refused one.
 */
class ConfigPagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pictures of the pages for the docs (docs/screenshots/ at the repository's root). */
    private static final Path DOC_SCREENSHOTS = Platform.docScreenshots();

    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(Platform.buildDir().resolve("e2e-logs").resolve(ConfigPagesIT.class.getSimpleName()));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aSourceCreatedOnThePageShowsItsWebhookUrl() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
        WebElement page = openPage("sources");
        page.findElement(By.cssSelector("[data-create]")).click();
        driver().findElement(By.id("sources-name")).sendKeys("Billing <b>provider</b>");
        driver().findElement(By.id("sources-slug")).sendKeys("billing-hooks");
        new Select(driver().findElement(By.id("sources-kind"))).selectByValue("stripe");
        driver().findElement(By.id("sources-secret")).sendKeys("whsec-billing-e2e-secret-0123456789");
        driver().findElement(By.id("sources-settings")).sendKeys("{\"dedupeWindow\": 60}");
        driver().findElement(By.cssSelector(".resource-dialog button[type=submit]"))
                .click();

        WebElement card = awaitCard(page, "Billing <b>provider</b>");
        String url = card.findElement(By.cssSelector(".copy-value")).getText();
        assertEquals(
                PLATFORM.platform()
                        .ingress()
                        .resolve("/api/webhooks/billing-hooks")
                        .toString(),
                url);
        assertEquals(List.of(), card.findElements(By.cssSelector("h3 b")), "a name with markup is shown as text");
        JsonNode stored = find(send("GET", "/api/sources", null, 200).path("items"), "slug", "billing-hooks");
        assertEquals("stripe", stored.path("kind").asText());
        assertEquals(60, stored.path("settings").path("dedupeWindow").asInt());
        assertFalse(stored.has("secret"), "the secret is never returned");

        // a delivery without its signature is refused and kept as a sample: the card's action lists it
        assertEquals(401, unsigned("billing-hooks").statusCode());
        card.findElement(By.cssSelector("[data-rejections]")).click();
        WebElement rejection = await(
                "the rejected delivery listed",
                () -> driver().findElement(By.cssSelector("dialog[open] .rejection")),
                WebElement::isDisplayed);
        String why = rejection.getText();
        assertTrue(why.contains("signature missing"), why);
        assertTrue(why.contains("Stripe-Signature: not sent"), why);
        assertTrue(driver().findElement(By.cssSelector("dialog[open] h3"))
                .getText()
                .contains("Billing <b>provider</b>"));
        browser.screenshot(SCREENSHOTS.resolve("sources-rejections.png"));
        driver().findElement(By.cssSelector("dialog[open] [data-close]")).click();

        browser.screenshot(DOC_SCREENSHOTS.resolve("sources.png"));
        browser.emulateViewport(390, 844);
        try {
            assertEquals(
                    0, new DashboardPage(driver()).sidewaysOverflow(), "the Sources page scrolls sideways at 390 px");
            browser.screenshot(SCREENSHOTS.resolve("phone-sources.png"));
            for (WebElement button : page.findElements(By.cssSelector("button"))) {
                if (button.isDisplayed()) {
                    assertTrue(button.getSize().getHeight() >= 44, button.getText() + " is under 44 px tall");
                }
            }
        } finally {
            browser.clearViewport();
        }
    }

    @Test
    void aNewApiKeyIsShownOnceAndNeverListed() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
        WebElement page = openPage("api-keys");
        page.findElement(By.cssSelector("[data-create]")).click();
        driver().findElement(By.id("api-keys-name")).sendKeys("billing-service");
        driver().findElement(By.cssSelector(".resource-dialog button[type=submit]"))
                .click();

        WebElement shown = await(
                "the new key shown",
                () -> driver().findElement(By.cssSelector("[data-new-key] .copy-value")),
                WebElement::isDisplayed);
        String key = shown.getText();
        assertTrue(key.length() > 20, key);
        browser.screenshot(SCREENSHOTS.resolve("api-key-once.png"));
        String dialog = driver().findElement(By.cssSelector("dialog[open]")).getText();
        assertTrue(dialog.contains("you will not see it again"), dialog);

        WebElement card = awaitCard(page, "billing-service");
        String prefix = find(send("GET", "/api/api-keys", null, 200).path("items"), "name", "billing-service")
                .path("prefix")
                .asText();
        assertTrue(key.startsWith(prefix), "the card's prefix starts the key");
        assertFalse(send("GET", "/api/api-keys", null, 200).toString().contains(key), "the list carries no key");

        driver().findElement(By.cssSelector("dialog[open] button.primary")).click();
        await("the key gone from the page", () -> driver().getPageSource().contains(key), there -> !there);
        assertFalse(card.getText().contains(key), "the card never shows the key");
    }

    @Test
    void anOperatorSilencesFromThePage() {
        createUser("oncall-operator", "operator");
        signIn("oncall-operator", "operator password for e2e");
        WebElement page = openPage("silences");
        page.findElement(By.cssSelector("[data-create]")).click();
        new Select(driver().findElement(By.id("silences-source"))).selectByValue("github");
        driver().findElement(By.cssSelector("#silences-severities input[value='critical']"))
                .click();
        driver().findElement(By.id("silences-eventType")).sendKeys("workflow_*");
        driver().findElement(By.id("silences-comment")).sendKeys("CI maintenance window");
        driver().findElement(By.cssSelector(".resource-dialog button[type=submit]"))
                .click();

        WebElement card = awaitCard(page, "CI maintenance window");
        String text = card.getText();
        assertTrue(
                text.contains("source Dev github, type workflow_*, severity critical"),
                "named by source name: " + text);
        assertEquals(
                "active",
                card.findElement(By.cssSelector("[data-silence-state]")).getAttribute("data-silence-state"));
        JsonNode stored =
                find(send("GET", "/api/silences", null, 200).path("items"), "comment", "CI maintenance window");
        assertEquals("oncall-operator", stored.path("createdBy").asText());
        assertEquals("github", stored.path("source").asText());
        browser.screenshot(DOC_SCREENSHOTS.resolve("silences.png"));

        card.findElement(By.cssSelector("[data-expire]")).click();
        await(
                "expired silence leaves the current list",
                () -> card(page, "CI maintenance window") == null,
                gone -> gone);
        new Select(page.findElement(By.cssSelector("[data-filter='state']"))).selectByValue("expired");
        WebElement expired = awaitCard(page, "CI maintenance window");
        assertEquals(
                List.of(),
                expired.findElements(By.cssSelector("[data-edit], [data-expire]")),
                "an expired one is not edited");
    }

    @Test
    void anEventSourceKeepsItsSchemaAndAGroupItsMembers() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
        WebElement events = openPage("event-sources");
        events.findElement(By.cssSelector("[data-create]")).click();
        driver().findElement(By.id("event-sources-name")).sendKeys("order_created");
        driver().findElement(By.id("event-sources-payloadSchema"))
                .sendKeys(
                        "{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}},\"required\":[\"order\"]}");
        driver().findElement(By.id("event-sources-raisesAlert")).click();
        new Select(driver().findElement(By.id("event-sources-alertSeverity"))).selectByValue("warning");
        driver().findElement(By.cssSelector(".resource-dialog button[type=submit]"))
                .click();
        String summary = awaitCard(events, "order_created").getText();
        assertTrue(summary.contains("1 property (1 required)"), summary);
        assertTrue(summary.contains("raises a warning alert"), summary);
        JsonNode stored = find(send("GET", "/api/event-sources", null, 200).path("items"), "name", "order_created");
        assertEquals(
                "string",
                stored.path("payloadSchema")
                        .path("properties")
                        .path("order")
                        .path("type")
                        .asText());

        WebElement groups = openPage("recipient-groups");
        groups.findElement(By.cssSelector("[data-create]")).click();
        driver().findElement(By.id("recipient-groups-name")).sendKeys("On-call");
        driver().findElement(By.cssSelector(".resource-dialog button[type=submit]"))
                .click();
        awaitCard(groups, "On-call")
                .findElement(By.cssSelector("[data-members]"))
                .click();
        driver().findElement(By.id("members-add")).sendKeys("ana@example.com\nbo@example.com, ana@example.com");
        driver().findElement(By.cssSelector("dialog[open] form button[type=submit]"))
                .click();
        await(
                "two members listed",
                () -> driver().findElements(By.cssSelector("dialog[open] li[data-member]"))
                        .size(),
                n -> n == 2);
        driver().findElement(By.cssSelector("dialog[open] li[data-member='ana@example.com'] button"))
                .click();
        await(
                "one member left",
                () -> driver().findElements(By.cssSelector("dialog[open] li[data-member]")).stream()
                        .map(li -> li.getAttribute("data-member"))
                        .toList(),
                List.of("bo@example.com")::equals);
        long id = find(send("GET", "/api/recipient-groups", null, 200).path("items"), "name", "On-call")
                .path("id")
                .asLong();
        assertEquals(
                "[\"bo@example.com\"]",
                send("GET", "/api/recipient-groups/" + id + "/members", null, 200)
                        .path("items")
                        .toString());
        driver().findElement(By.cssSelector("dialog[open] [data-close]")).click();
        await(
                "the card counts one member",
                () -> awaitCard(groups, "On-call").getText(),
                t -> t.matches("(?s).*Members\\s+1\\b.*"));
    }

    @Test
    void aViewerIsOfferedNoChangeAndRefusedOne() {
        long id = send(
                        "POST",
                        "/api/sources",
                        Map.of(
                                "name",
                                "Viewer sees me",
                                "slug",
                                "viewer-sees",
                                "kind",
                                "github",
                                "secret",
                                "viewer-test-secret-0123456789"),
                        201)
                .path("id")
                .asLong();
        createUser("read-only-viewer", "viewer");
        signIn("read-only-viewer", "viewer password for e2e");
        WebElement page = openPage("sources");
        WebElement card = awaitCard(page, "Viewer sees me");

        assertFalse(page.findElement(By.cssSelector("[data-create]")).isDisplayed(), "no New source for a viewer");
        assertEquals(List.of(), card.findElements(By.cssSelector("[data-edit], [data-remove]")), "no Edit or Delete");
        assertTrue(card.findElement(By.cssSelector("[data-rejections]")).isDisplayed(), "reading is offered");

        Object status = ((JavascriptExecutor) driver()).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch('api/sources/' + arguments[0], {
                          method: 'PUT',
                          credentials: 'same-origin',
                          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'opscenter' },
                          body: JSON.stringify({ name: 'renamed by a viewer' }),
                        }).then((r) => done(r.status), (e) => done(String(e)));""", id);
        assertEquals(403L, status, "a viewer's PUT with its session");
        assertEquals(
                "Viewer sees me",
                send("GET", "/api/sources/" + id, null, 200).path("name").asText(),
                "the source is unchanged");
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    /** Starts a fresh session in the page as this user. */
    private static void signIn(String username, String password) {
        driver().manage().deleteAllCookies();
        DashboardPage page = new DashboardPage(driver());
        page.open(PLATFORM.platform().ingress());
        page.signIn(username, password);
    }

    /** Follows the console's nav link to the page and returns its section once shown. */
    private static WebElement openPage(String name) {
        driver().findElement(By.cssSelector("a[data-page-link='" + name + "']")).click();
        return await(
                "page " + name,
                () -> driver().findElement(By.cssSelector("section[data-page='" + name + "']")),
                section -> section.isDisplayed() && section.getAttribute("aria-busy") == null);
    }

    /** Waits for the card whose heading is this text; a timeout says what the page showed instead. */
    private static WebElement awaitCard(WebElement page, String heading) {
        try {
            return await("the card " + heading, () -> card(page, heading), c -> c != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "no card " + heading + "; the page shows: " + page.getText() + "; console: "
                            + browser.severeConsoleMessages(),
                    e);
        }
    }

    /** The card whose heading is this text, or null. */
    private static WebElement card(WebElement page, String heading) {
        return page.findElements(By.cssSelector(".resource-card")).stream()
                .filter(c -> heading.equals(c.findElement(By.cssSelector("h3")).getAttribute("textContent")))
                .findFirst()
                .orElse(null);
    }

    /** A webhook for the source without any signature header. */
    private static HttpResponse<String> unsigned(String slug) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(PLATFORM.platform().ingress().resolve("/api/webhooks/" + slug))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_unsigned\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void createUser(String username, String role) {
        send(
                "POST",
                "/api/users",
                Map.of("username", username, "role", role, "password", role + " password for e2e"),
                201);
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " " + value + " in " + items);
    }

    private static JsonNode send(String method, String path, Object body, int expected) {
        try {
            Webhooks webhooks = new Webhooks(PLATFORM.platform());
            HttpResponse<String> response = body == null && method.equals("GET")
                    ? webhooks.admin(path)
                    : webhooks.admin(method, path, JSON.writeValueAsString(body));
            assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
            return Webhooks.json(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
