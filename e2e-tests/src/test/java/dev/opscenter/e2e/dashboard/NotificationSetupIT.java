package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Channels, Templates and Rules pages in a real browser: a rule made in the form dry-runs against a recent event,
 * a template's preview follows the typing, a channel's secret is never shown back, and none of the pages scrolls
 * sideways on a phone. Screenshots go to docs/screenshots for the README.
 */
class NotificationSetupIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOC_SCREENSHOTS = Platform.docScreenshots();

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    private DashboardPage page;

    @BeforeEach
    void signIn() {
        page = new DashboardPage(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
    }

    @Test
    void aRuleMadeInTheFormDryRunsAgainstARecentEvent() {
        long event = recentEvent();
        admin(
                "POST",
                "/api/channels",
                Map.of("name", "Ops mail", "type", "email", "config", Map.of("from", "alerts@example.com")));

        ResourcePage rules = new ResourcePage(BROWSER.page(), "rules").open();
        rules.startCreate();
        rules.fill("name", "CI runs");
        rules.fill("eventTypePattern", "workflow_*");
        rules.selectLabel("channelId", "Ops mail (email)");
        rules.fill("recipients", "ops@example.com");
        rules.submit();

        Locator card = rules.awaitCard("CI runs");
        assertTrue(card.innerText().contains("Ops mail"), "the channel shown by name: " + card.innerText());
        rules.act(card, "dry-run-saved");

        Locator match = rules.dryRunMatch(card, event);
        assertThat(match).isVisible();
        assertTrue(match.innerText().contains("To ops@example.com"), match.innerText());
        assertTrue(match.innerText().contains("workflow_run"), match.innerText());
        assertFalse(rules.message(match).innerText().isBlank(), "the message is shown");

        BROWSER.screenshot(DOC_SCREENSHOTS.resolve("rules.png"));
        assertNoSidewaysScroll(card);
    }

    @Test
    void aTemplatePreviewFollowsTheTyping() {
        recentEvent();

        ResourcePage templates = new ResourcePage(BROWSER.page(), "templates").open();
        templates.startCreate();
        templates.fill("name", "CI in Slack");
        templates.selectLabel("channelType", "Slack");
        Locator body = templates.input("body");
        body.pressSequentially("Event {{event.type}}");
        Locator preview = templates.preview();
        Locator previewBody = templates.message(preview);
        assertThat(previewBody).hasText("Event workflow_run");

        body.pressSequentially(" <b>failed</b> {{payload.nothing_here}}");
        assertThat(previewBody).hasText(Pattern.compile("^Event workflow_run <b>failed</b>"));
        assertEquals(0, templates.message(preview).locator("b").count(), "markup shown as text");
        assertTrue(
                preview.innerText().contains("payload.nothing_here"),
                "missing variables are named: " + preview.innerText());

        preview.evaluate("element => element.scrollIntoView({block: 'end'})");
        BROWSER.screenshot(DOC_SCREENSHOTS.resolve("templates.png"));
        assertNoSidewaysScroll(preview);
    }

    @Test
    void aChannelSecretIsNeverShownBackOnEdit() {
        String token = "123456:telegram-bot-token-" + System.nanoTime();

        ResourcePage channels = new ResourcePage(BROWSER.page(), "channels").open();
        channels.startCreate();
        channels.select("type", "telegram");
        assertFalse(channels.field("config.url").isVisible(), "a webhook's URL is not asked for a Telegram channel");
        assertFalse(channels.field("config.from").isVisible());
        assertTrue(channels.field("config.baseUrl").isVisible());
        assertEquals("Bot token", channels.field("secret").locator("label").innerText());
        channels.fill("name", "Ops bot");
        channels.fill("secret", token);
        channels.submit();

        Locator card = channels.awaitCard("Ops bot");
        assertTrue(card.innerText().contains("stored (write-only)"), card.innerText());
        channels.edit(card);

        Locator secret = channels.input("secret");
        assertEquals("", secret.inputValue(), "the secret input starts empty");
        assertEquals(0, channels.input("type").count(), "the type is fixed once created");
        assertTrue(
                channels.field("secret").innerText().contains("Write-only"),
                channels.field("secret").innerText());
        assertFalse(BROWSER.page().content().contains(token), "the token is nowhere in the page");

        BROWSER.screenshot(DOC_SCREENSHOTS.resolve("channels.png"));
        channels.cancel();
        assertNoSidewaysScroll(card);
    }

    @Test
    void aViewerReadsRulesByNameAndDryRunsThemButIsOfferedNoChange() {
        long event = recentEvent();
        long channel = admin(
                        "POST",
                        "/api/channels",
                        Map.of("name", "Viewer mail", "type", "email", "config", Map.of("from", "alerts@example.com")))
                .path("id")
                .asLong();
        admin(
                "POST",
                "/api/notification-rules",
                Map.of("name", "Every run", "channelId", channel, "recipients", List.of("lead@example.com")));
        admin(
                "POST",
                "/api/users",
                Map.of("username", "reader", "role", "viewer", "password", "a viewer's long password"));

        page.signOut();
        page.signIn("reader", "a viewer's long password");
        try {
            ResourcePage rules = new ResourcePage(BROWSER.page(), "rules").open();
            Locator card = rules.awaitCard("Every run");
            assertTrue(card.innerText().contains("Viewer mail"), card.innerText());
            assertFalse(rules.createButton().isVisible(), "a viewer is offered no New rule");
            assertEquals(0, rules.actions(card, "edit", "remove").count(), "no Edit or Delete");

            rules.act(card, "dry-run-saved");
            assertThat(rules.dryRunMatch(card, event)).isVisible();
        } finally {
            page.signOut();
        }
    }

    /** Sends a GitHub webhook and returns its event id: the recent event previews and dry-runs work on. */
    private static long recentEvent() {
        HttpResponse<String> run =
                new Webhooks(PLATFORM.platform()).github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, run.statusCode(), run.body());
        return Webhooks.json(run.body()).path("id").asLong();
    }

    private static JsonNode admin(String method, String path, Object body) {
        try {
            HttpResponse<String> response =
                    new Webhooks(PLATFORM.platform()).admin(method, path, JSON.writeValueAsString(body));
            assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.body());
            return Webhooks.json(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At 390 px wide the page, with this element in view, does not scroll sideways. */
    private void assertNoSidewaysScroll(Locator element) {
        BROWSER.phone(390, 844);
        try {
            element.scrollIntoViewIfNeeded();
            assertEquals(0, page.sidewaysOverflow(), "the page scrolls sideways at 390 px");
        } finally {
            BROWSER.desktop();
        }
    }
}
