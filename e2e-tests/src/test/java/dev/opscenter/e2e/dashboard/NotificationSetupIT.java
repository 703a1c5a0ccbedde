package dev.opscenter.e2e.dashboard;

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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Channels, Templates and Rules pages in a real browser: a rule made in the form dry-runs against a recent event,
 * a template's preview follows the typing, a channel's secret is never shown back, and none of the pages scrolls
 * sideways on a phone. Screenshots go to docs/screenshots for the README.
 */
class NotificationSetupIT {
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOC_SCREENSHOTS = Platform.docScreenshots();

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    private static Browser browser;
    private DashboardPage page;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(
                Platform.buildDir().resolve("e2e-logs").resolve(NotificationSetupIT.class.getSimpleName()));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signIn() {
        page = new DashboardPage(driver());
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

        open("rules");
        click(By.cssSelector("[data-page='rules'] [data-create]"));
        type("rules-name", "CI runs");
        type("rules-eventTypePattern", "workflow_*");
        new Select(driver().findElement(By.id("rules-channelId"))).selectByVisibleText("Ops mail (email)");
        type("rules-recipients", "ops@example.com");
        click(By.cssSelector("[data-page='rules'] dialog button[type=submit]"));

        WebElement card = awaitCard("rules", "CI runs");
        assertTrue(card.getText().contains("Ops mail"), "the channel shown by name: " + card.getText());
        card.findElement(By.cssSelector("[data-dry-run-saved]")).click();

        WebElement match = await(
                "the recent event in the dry-run",
                () -> card.findElement(By.cssSelector(".dry-run-matches li[data-event-id='" + event + "']")));
        assertTrue(match.getText().contains("To ops@example.com"), match.getText());
        assertTrue(match.getText().contains("workflow_run"), match.getText());
        assertFalse(match.findElement(By.cssSelector(".message-body")).getText().isBlank(), "the message is shown");

        browser.screenshot(DOC_SCREENSHOTS.resolve("rules.png"));
        assertNoSidewaysScroll(card);
    }

    @Test
    void aTemplatePreviewFollowsTheTyping() {
        recentEvent();

        open("templates");
        click(By.cssSelector("[data-page='templates'] [data-create]"));
        type("templates-name", "CI in Slack");
        new Select(driver().findElement(By.id("templates-channelType"))).selectByVisibleText("Slack");
        type("templates-body", "Event {{event.type}}");
        await("the first preview", () -> previewBody().equals("Event workflow_run") ? true : null);

        type("templates-body", " <b>failed</b> {{payload.nothing_here}}");
        await(
                "the preview after more typing",
                () -> previewBody().startsWith("Event workflow_run <b>failed</b>") ? true : null);
        WebElement preview = driver().findElement(By.cssSelector("[data-preview]"));
        assertEquals(List.of(), preview.findElements(By.cssSelector(".message-body b")), "markup shown as text");
        assertTrue(
                preview.getText().contains("payload.nothing_here"),
                "missing variables are named: " + preview.getText());

        ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView({block: 'end'});", preview);
        browser.screenshot(DOC_SCREENSHOTS.resolve("templates.png"));
        assertNoSidewaysScroll(preview);
    }

    @Test
    void aChannelSecretIsNeverShownBackOnEdit() {
        String token = "123456:telegram-bot-token-" + System.nanoTime();

        open("channels");
        click(By.cssSelector("[data-page='channels'] [data-create]"));
        new Select(driver().findElement(By.id("channels-type"))).selectByValue("telegram");
        assertFalse(field("config.url").isDisplayed(), "a webhook's URL is not asked for a Telegram channel");
        assertFalse(field("config.from").isDisplayed());
        assertTrue(field("config.baseUrl").isDisplayed());
        assertEquals(
                "Bot token", field("secret").findElement(By.tagName("label")).getText());
        type("channels-name", "Ops bot");
        type("channels-secret", token);
        click(By.cssSelector("[data-page='channels'] dialog button[type=submit]"));

        WebElement card = awaitCard("channels", "Ops bot");
        assertTrue(card.getText().contains("stored (write-only)"), card.getText());
        card.findElement(By.xpath(".//button[text()='Edit']")).click();

        WebElement secret = await("the edit form", () -> driver().findElement(By.id("channels-secret")));
        assertEquals("", secret.getAttribute("value"), "the secret input starts empty");
        assertEquals(List.of(), driver().findElements(By.id("channels-type")), "the type is fixed once created");
        assertTrue(
                field("secret").getText().contains("Write-only"),
                field("secret").getText());
        assertFalse(driver().getPageSource().contains(token), "the token is nowhere in the page");

        browser.screenshot(DOC_SCREENSHOTS.resolve("channels.png"));
        click(By.xpath("//section[@data-page='channels']//dialog//button[text()='Cancel']"));
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

        click(By.id("sign-out"));
        page.signIn("reader", "a viewer's long password");
        try {
            open("rules");
            WebElement card = awaitCard("rules", "Every run");
            assertTrue(card.getText().contains("Viewer mail"), card.getText());
            assertFalse(
                    driver().findElement(By.cssSelector("[data-page='rules'] [data-create]"))
                            .isDisplayed(),
                    "a viewer is offered no New rule");
            assertEquals(List.of(), card.findElements(By.xpath(".//button[text()='Edit' or text()='Delete']")));

            card.findElement(By.cssSelector("[data-dry-run-saved]")).click();
            await(
                    "the recent event in the viewer's dry-run",
                    () -> card.findElement(By.cssSelector(".dry-run-matches li[data-event-id='" + event + "']")));
        } finally {
            click(By.id("sign-out"));
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

    private void open(String name) {
        ((JavascriptExecutor) driver()).executeScript("window.location.hash = arguments[0];", "#/" + name);
        await(
                name + " page",
                () -> driver().findElement(By.cssSelector("section[data-page='" + name + "']"))
                                .isDisplayed()
                        ? true
                        : null);
    }

    /** Waits for the card of this name; a timeout says what the page showed instead. */
    private WebElement awaitCard(String pageName, String name) {
        try {
            return await("the card of " + name, () -> card(pageName, name));
        } catch (ConditionTimeoutException e) {
            String shown = driver().findElement(By.cssSelector("section[data-page='" + pageName + "']"))
                    .getText();
            throw new AssertionError(
                    "no card " + name + "; the page shows:\n" + shown + "\nconsole: " + browser.severeConsoleMessages(),
                    e);
        }
    }

    private WebElement card(String pageName, String name) {
        for (WebElement card : driver().findElements(By.cssSelector("[data-page='" + pageName + "'] .resource-card"))) {
            // headings are set in capitals by the style sheet: compare the text itself
            if (name.equals(card.findElement(By.tagName("h3")).getDomProperty("textContent"))) {
                return card;
            }
        }
        return null;
    }

    private WebElement field(String name) {
        return driver().findElement(By.cssSelector(".form-field[data-field='" + name + "']"));
    }

    private String previewBody() {
        return driver().findElement(By.cssSelector("[data-preview] .message-body"))
                .getText();
    }

    private void type(String id, String text) {
        driver().findElement(By.id(id)).sendKeys(text);
    }

    private void click(By by) {
        await("clickable " + by, () -> driver().findElement(by).isDisplayed() ? true : null);
        driver().findElement(by).click();
    }

    /** At 390 px wide the page, with this element in view, does not scroll sideways. */
    private void assertNoSidewaysScroll(WebElement element) {
        browser.emulateViewport(390, 844);
        try {
            ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView();", element);
            assertEquals(0, page.sidewaysOverflow(), "the page scrolls sideways at 390 px");
        } finally {
            browser.clearViewport();
        }
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static <T> T await(String what, Callable<T> find) {
        return Awaitility.await(what)
                .atMost(UI_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(find, found -> found != null);
    }
}
