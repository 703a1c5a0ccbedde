package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * A change made through the admin API shows in the page's audit log: who made it, what it was, and the fields it
 * changed before and after, with markup in the data shown as text.
 */
class AuditLogIT {
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(Platform.buildDir().resolve("e2e-logs").resolve(AuditLogIT.class.getSimpleName()));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aChangeMadeThroughTheApiIsListedWithItsChangedFields() {
        // one long word: the diff must wrap it rather than widen a phone's page
        String longText = "disk-full-on-/var/lib/postgresql/15/main/base/16384/".repeat(3);
        String endsAt = Instant.now().plus(Duration.ofHours(1)).toString();
        long silence = send(
                        "POST",
                        "/api/silences",
                        Map.of("text", "disk", "comment", "<b>deploy</b> window", "endsAt", endsAt),
                        201)
                .path("id")
                .asLong();
        send(
                "PUT",
                "/api/silences/" + silence,
                Map.of("text", longText, "comment", "<b>deploy</b> window", "endsAt", endsAt),
                200);

        DashboardPage page = new DashboardPage(browser.driver());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        // the audit log is its own page, linked from the console's nav for admins
        browser.driver()
                .findElement(By.cssSelector("a[data-page-link='audit']"))
                .click();
        Awaitility.await("the audit page")
                .atMost(UI_DEADLINE)
                .ignoreExceptions()
                .until(() -> browser.driver().findElement(By.id("audit")).isDisplayed());
        browser.driver().findElement(By.cssSelector("[data-audit-refresh]")).click();

        WebElement updated = Awaitility.await("the update listed in the audit log")
                .atMost(UI_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(
                        () -> browser.driver().findElement(By.cssSelector("#audit-list li[data-action='updated']")),
                        WebElement::isDisplayed);
        String line = updated.findElement(By.cssSelector(".audit-line")).getText();
        assertTrue(line.startsWith("admin token updated silence"), line);
        assertTrue(line.contains("“<b>deploy</b> window” (#" + silence + ")"), "markup shown as text: " + line);
        assertEquals(List.of(), updated.findElements(By.cssSelector(".audit-line b")), "no element made from data");

        updated.findElement(By.cssSelector(".audit-changes summary")).click();
        WebElement text = updated.findElement(By.cssSelector(".audit-diff tr[data-field='text']"));
        assertEquals("disk", text.findElement(By.cssSelector(".audit-before")).getText());
        assertEquals(longText, text.findElement(By.cssSelector(".audit-after")).getText());
        assertEquals(
                List.of(),
                updated.findElements(By.cssSelector(".audit-diff tr[data-field='comment']")),
                "an unchanged field is not listed");

        browser.screenshot(SCREENSHOTS.resolve("audit-log.png"));
        browser.emulateViewport(375, 800);
        try {
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView();", updated);
            assertEquals(0, page.sidewaysOverflow(), "the audit log scrolls sideways at 375 px");
            browser.screenshot(SCREENSHOTS.resolve("phone-audit-log.png"));
        } finally {
            browser.clearViewport();
        }

        List<WebElement> entries = browser.driver().findElements(By.cssSelector("#audit-list li.audit-entry"));
        assertEquals("updated", entries.get(0).getAttribute("data-action"), "newest first");
        assertTrue(
                entries.stream().anyMatch(e -> "created".equals(e.getAttribute("data-action"))),
                "the create is listed too");
    }

    private static JsonNode send(String method, String path, Object body, int expected) {
        try {
            HttpResponse<String> response =
                    new Webhooks(PLATFORM.platform()).admin(method, path, JSON.writeValueAsString(body));
            assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
            return Webhooks.json(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
