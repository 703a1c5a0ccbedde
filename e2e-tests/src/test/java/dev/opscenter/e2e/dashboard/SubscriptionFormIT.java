package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A relay subscription made and changed on the Subscriptions page: created through the form with a local receiver's
 * URL and an event-type filter, its generated signing secret shown once and never again, listed by name, and edited.
 */
class SubscriptionFormIT {
    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @RegisterExtension
    static final StatusReceiver RECEIVER = new StatusReceiver(200);

    @Test
    void aSubscriptionIsCreatedShowsItsSecretOnceAndIsEdited() {
        Page browser = BROWSER.page();
        DashboardPage dashboard = new DashboardPage(browser);
        dashboard.open(PLATFORM.platform().ingress());
        dashboard.signIn();
        SubscriptionsPage subscriptions = new SubscriptionsPage(browser);
        ResourcePage page = subscriptions.resources().open();
        String url = RECEIVER.uri("/deploys").toString();

        page.startCreate();
        page.fill("name", "Deploy relay");
        page.fill("url", url);
        page.fill("eventTypes", "workflow_run");
        page.submit();

        // the generated secret: shown once, in its own dialog, and stored nowhere the page can read again
        assertThat(subscriptions.secretDialog()).isVisible();
        assertThat(subscriptions.secretDialog()).containsText("it is not shown again");
        String secret = subscriptions.secret().innerText().trim();
        assertTrue(secret.length() >= 16, "a signing secret: " + secret);
        JsonNode stored = find(api("/api/subscriptions").path("items"), "Deploy relay");
        assertEquals(url, stored.path("url").asText());
        assertEquals("[\"workflow_run\"]", stored.path("eventTypes").toString());
        assertFalse(api("/api/subscriptions").toString().contains(secret), "the list carries no secret");
        assertFalse(
                api("/api/subscriptions/" + stored.path("id").asLong())
                        .toString()
                        .contains(secret),
                "the subscription carries no secret");
        subscriptions.closeSecret();
        assertFalse(browser.content().contains(secret), "the secret left the page with its dialog");

        Locator card = page.awaitCard("Deploy relay");
        assertTrue(card.innerText().contains(url), card.innerText());
        assertTrue(card.innerText().contains("workflow_run"), card.innerText());

        page.edit(card);
        assertEquals(0, page.input("secret").count(), "the secret is not asked for, nor shown, on edit");
        assertEquals("Deploy relay", page.input("name").inputValue());
        page.fill("name", "Deploy and release relay");
        page.fill("eventTypes", "workflow_run\nrelease");
        page.submit();

        Locator edited = page.awaitCard("Deploy and release relay");
        assertThat(page.card("Deploy relay")).hasCount(0);
        assertTrue(edited.innerText().contains("workflow_run, release"), edited.innerText());
        assertFalse(browser.content().contains(secret), "editing shows no secret");
        assertThat(subscriptions.secretDialog()).isHidden();
        JsonNode changed = api("/api/subscriptions/" + stored.path("id").asLong());
        assertEquals("Deploy and release relay", changed.path("name").asText());
        assertEquals(
                "[\"workflow_run\",\"release\"]", changed.path("eventTypes").toString());
        assertEquals(url, changed.path("url").asText(), "what the form did not change is kept");
    }

    private static JsonNode find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.path("name").asText())) {
                return item;
            }
        }
        throw new AssertionError("no subscription " + name + " in " + items);
    }

    private static JsonNode api(String path) {
        HttpResponse<String> response = new Webhooks(PLATFORM.platform()).admin(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Webhooks.json(response.body());
    }
}
