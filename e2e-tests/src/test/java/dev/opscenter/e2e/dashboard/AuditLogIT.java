package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A change made through the admin API shows in the page's audit log: who made it, what it was, and the fields it
 * changed before and after, with markup in the data shown as text.
 */
class AuditLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

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

        DashboardPage page = new DashboardPage(BROWSER.page());
        AuditLog audit = new AuditLog(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        // the audit log is its own page, linked from the console's nav for admins
        page.openPageLink("audit");
        assertThat(audit.section()).isVisible();
        audit.refresh();

        Locator updated = audit.entries("updated").first();
        assertThat(updated).isVisible();
        String line = audit.line(updated).innerText();
        assertTrue(line.startsWith("admin token updated silence"), line);
        assertTrue(line.contains("“<b>deploy</b> window” (#" + silence + ")"), "markup shown as text: " + line);
        assertEquals(0, audit.line(updated).locator("b").count(), "no element made from data");

        audit.openChanges(updated);
        Locator text = audit.diffRow(updated, "text");
        assertEquals("disk", audit.before(text));
        assertEquals(longText, audit.after(text));
        assertEquals(0, audit.diffRow(updated, "comment").count(), "an unchanged field is not listed");

        BROWSER.screenshot(SCREENSHOTS.resolve("audit-log.png"));
        BROWSER.phone(375, 800);
        try {
            updated.scrollIntoViewIfNeeded();
            assertEquals(0, page.sidewaysOverflow(), "the audit log scrolls sideways at 375 px");
            BROWSER.screenshot(SCREENSHOTS.resolve("phone-audit-log.png"));
        } finally {
            BROWSER.desktop();
        }

        List<String> actions = audit.actions();
        assertEquals("updated", actions.get(0), "newest first");
        assertTrue(actions.contains("created"), "the create is listed too");
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
