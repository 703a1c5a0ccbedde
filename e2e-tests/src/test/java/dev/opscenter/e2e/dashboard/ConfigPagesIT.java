package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.opscenter.e2e.dashboard.DashboardPage.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @Test
    void aSourceCreatedOnThePageShowsItsWebhookUrl() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
        ResourcePage page = new ResourcePage(browser(), "sources").openFromNav();
        page.startCreate();
        page.fill("name", "Billing <b>provider</b>");
        page.fill("slug", "billing-hooks");
        page.select("kind", "stripe");
        page.fill("secret", "whsec-billing-e2e-secret-0123456789");
        page.fill("settings", "{\"dedupeWindow\": 60}");
        page.submit();

        Locator card = page.awaitCard("Billing <b>provider</b>");
        String url = page.copyValue(card).innerText();
        assertEquals(
                PLATFORM.platform()
                        .ingress()
                        .resolve("/api/webhooks/billing-hooks")
                        .toString(),
                url);
        assertEquals(0, card.locator("h3 b").count(), "a name with markup is shown as text");
        JsonNode stored = find(send("GET", "/api/sources", null, 200).path("items"), "slug", "billing-hooks");
        assertEquals("stripe", stored.path("kind").asText());
        assertEquals(60, stored.path("settings").path("dedupeWindow").asInt());
        assertFalse(stored.has("secret"), "the secret is never returned");

        // a delivery without its signature is refused and kept as a sample: the card's action lists it
        assertEquals(401, unsigned("billing-hooks").statusCode());
        page.act(card, "rejections");
        Locator rejection = page.rejections();
        assertThat(rejection).isVisible();
        String why = rejection.innerText();
        assertTrue(why.contains("signature missing"), why);
        assertTrue(why.contains("Stripe-Signature: not sent"), why);
        assertTrue(page.dialogHeading().innerText().contains("Billing <b>provider</b>"));
        BROWSER.screenshot(SCREENSHOTS.resolve("sources-rejections.png"));
        page.closeDialog();

        BROWSER.screenshot(DOC_SCREENSHOTS.resolve("sources.png"));
        BROWSER.phone(390, 844);
        try {
            assertEquals(
                    0, new DashboardPage(browser()).sidewaysOverflow(), "the Sources page scrolls sideways at 390 px");
            BROWSER.screenshot(SCREENSHOTS.resolve("phone-sources.png"));
            for (Locator button : page.section().locator("button:visible").all()) {
                assertTrue(button.boundingBox().height >= 44, button.innerText() + " is under 44 px tall");
            }
        } finally {
            BROWSER.desktop();
        }
    }

    @Test
    void aNewApiKeyIsShownOnceAndNeverListed() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
        ResourcePage page = new ResourcePage(browser(), "api-keys").openFromNav();
        page.startCreate();
        page.fill("name", "billing-service");
        page.submit();

        Locator shown = page.newKey();
        assertThat(shown).isVisible();
        String key = shown.innerText();
        assertTrue(key.length() > 20, key);
        BROWSER.screenshot(SCREENSHOTS.resolve("api-key-once.png"));
        String dialog = page.openDialog().innerText();
        assertTrue(dialog.contains("you will not see it again"), dialog);

        Locator card = page.awaitCard("billing-service");
        String prefix = find(send("GET", "/api/api-keys", null, 200).path("items"), "name", "billing-service")
                .path("prefix")
                .asText();
        assertTrue(key.startsWith(prefix), "the card's prefix starts the key");
        assertFalse(send("GET", "/api/api-keys", null, 200).toString().contains(key), "the list carries no key");

        page.confirmDialog();
        await("the key gone from the page", () -> browser().content().contains(key), there -> !there);
        assertFalse(card.innerText().contains(key), "the card never shows the key");
    }

    @Test
    void anOperatorSilencesFromThePage() {
        createUser("oncall-operator", "operator");
        signIn("oncall-operator", "operator password for e2e");
        ResourcePage page = new ResourcePage(browser(), "silences").openFromNav();
        page.startCreate();
        page.select("source", "github");
        page.check("severities", "critical");
        page.fill("eventType", "workflow_*");
        page.fill("comment", "CI maintenance window");
        page.submit();

        Locator card = page.awaitCard("CI maintenance window");
        String text = card.innerText();
        assertTrue(
                text.contains("source Dev github, type workflow_*, severity critical"),
                "named by source name: " + text);
        assertEquals("active", page.silenceState(card));
        JsonNode stored =
                find(send("GET", "/api/silences", null, 200).path("items"), "comment", "CI maintenance window");
        assertEquals("oncall-operator", stored.path("createdBy").asText());
        assertEquals("github", stored.path("source").asText());
        BROWSER.screenshot(DOC_SCREENSHOTS.resolve("silences.png"));

        page.act(card, "expire");
        assertThat(page.card("CI maintenance window")).hasCount(0);
        page.filter("state", "expired");
        Locator expired = page.awaitCard("CI maintenance window");
        assertEquals(0, page.actions(expired, "edit", "expire").count(), "an expired one is not edited");
    }

    @Test
    void anEventSourceKeepsItsSchemaAndAGroupItsMembers() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
        ResourcePage events = new ResourcePage(browser(), "event-sources").openFromNav();
        events.startCreate();
        events.fill("name", "order_created");
        events.fill(
                "payloadSchema",
                "{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}},\"required\":[\"order\"]}");
        events.input("raisesAlert").click();
        events.select("alertSeverity", "warning");
        events.submit();
        String summary = events.awaitCard("order_created").innerText();
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

        ResourcePage groups = new ResourcePage(browser(), "recipient-groups").openFromNav();
        groups.startCreate();
        groups.fill("name", "On-call");
        groups.submit();
        groups.act(groups.awaitCard("On-call"), "members");
        groups.addMembers("ana@example.com\nbo@example.com, ana@example.com");
        assertThat(groups.members()).hasCount(2);
        groups.removeMember("ana@example.com");
        await("one member left", groups::memberNames, List.of("bo@example.com")::equals);
        long id = find(send("GET", "/api/recipient-groups", null, 200).path("items"), "name", "On-call")
                .path("id")
                .asLong();
        assertEquals(
                "[\"bo@example.com\"]",
                send("GET", "/api/recipient-groups/" + id + "/members", null, 200)
                        .path("items")
                        .toString());
        groups.closeDialog();
        assertThat(groups.card("On-call"))
                .hasText(Pattern.compile("Members\\s+1\\b"), new HasTextOptions().setUseInnerText(true));
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
        ResourcePage page = new ResourcePage(browser(), "sources").openFromNav();
        Locator card = page.awaitCard("Viewer sees me");

        assertFalse(page.createButton().isVisible(), "no New source for a viewer");
        assertEquals(0, page.actions(card, "edit", "remove").count(), "no Edit or Delete");
        assertTrue(page.actions(card, "rejections").isVisible(), "reading is offered");

        Object status = browser().evaluate("""
                        (id) => fetch('api/sources/' + id, {
                          method: 'PUT',
                          credentials: 'same-origin',
                          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'opscenter' },
                          body: JSON.stringify({ name: 'renamed by a viewer' }),
                        }).then((r) => r.status, (e) => String(e))""", Long.toString(id));
        assertEquals(403, status, "a viewer's PUT with its session");
        assertEquals(
                "Viewer sees me",
                send("GET", "/api/sources/" + id, null, 200).path("name").asText(),
                "the source is unchanged");
    }

    private static Page browser() {
        return BROWSER.page();
    }

    /** Starts a fresh session in the page as this user. */
    private static void signIn(String username, String password) {
        BROWSER.context().clearCookies();
        DashboardPage page = new DashboardPage(browser());
        page.open(PLATFORM.platform().ingress());
        page.signIn(username, password);
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
