package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule on a console channel pushes a toast to the open console without a reload: one addressed to everyone shows,
 * one addressed to another role does not, and the toast is text, dismissable from the keyboard.
 */
class ConsoleToastIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @Test
    void aTriggeredRulesToastAppearsOnTheOpenConsoleAndOneForAnotherRoleDoesNot() {
        String marker = UUID.randomUUID().toString();
        long channel = send("POST", "/api/channels", Map.of("name", "consoles-" + marker, "type", "console"), 201)
                .path("id")
                .asLong();
        long forViewers = rule("viewers-" + marker, channel, "role:viewer", "viewers", marker);
        rule("everyone-" + marker, channel, "all", "everyone", marker);

        DashboardPage page = new DashboardPage(BROWSER.page());
        Toasts toasts = new Toasts(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn(); // an admin's console
        page.awaitLive();
        page.markPageInstance("before-toasts");

        // the viewers' toast goes out first: once the later one shows, the earlier one has reached the page too
        post(marker, "viewers");
        Awaitility.await("the viewers' toast sent")
                .atMost(DELIVERY)
                .until(() -> send("GET", "/api/notification-logs?rule=" + forViewers, null, 200)
                        .path("items")
                        .findValues("status")
                        .stream()
                        .anyMatch(s -> "sent".equals(s.asText())));
        post(marker, "everyone");

        Locator toast = toasts.status();
        assertThat(toast).isVisible(new IsVisibleOptions().setTimeout(DELIVERY.toMillis()));
        assertEquals("everyone <b>" + marker + "</b>", toasts.title(toast).innerText());
        assertEquals(0, toasts.title(toast).locator("b").count(), "markup from data is text");
        assertTrue(toast.getAttribute("class").contains("sev-error"), toast.getAttribute("class"));
        assertEquals(1, toasts.all().count(), "the toast for viewers is not shown on an admin's console");
        assertEquals("before-toasts", page.pageInstanceMarker(), "the toast arrived without a page reload");
        BROWSER.screenshot(SCREENSHOTS.resolve("console-toast.png"));

        toasts.closeButton(toast).press("Escape");
        assertThat(toasts.all()).hasCount(0, new HasCountOptions().setTimeout(5_000));
    }

    /** A console rule on this test's events only (their marker), with a title that holds markup. */
    private static long rule(String name, long channel, String audience, String who, String marker) {
        long template = send(
                        "POST",
                        "/api/notification-templates",
                        Map.of(
                                "name",
                                name,
                                "channelType",
                                "console",
                                "subject",
                                who + " <b>{{payload.toast_marker}}</b>",
                                "body",
                                "{{alert.title}}"),
                        201)
                .path("id")
                .asLong();
        return send(
                        "POST",
                        "/api/notification-rules",
                        Map.of(
                                "name", name,
                                "channelId", channel,
                                "templateId", template,
                                "audience", audience,
                                "conditions",
                                        Map.of(
                                                "all",
                                                List.of(
                                                        Map.of(
                                                                "path",
                                                                "payload.toast_marker",
                                                                "op",
                                                                "eq",
                                                                "value",
                                                                marker),
                                                        Map.of(
                                                                "path",
                                                                "payload.toast_for",
                                                                "op",
                                                                "eq",
                                                                "value",
                                                                who)))),
                        201)
                .path("id")
                .asLong();
    }

    private static void post(String marker, String who) {
        ObjectNode body = (ObjectNode) Webhooks.json(new String(Webhooks.failedWorkflowRun(), StandardCharsets.UTF_8));
        body.put("toast_marker", marker).put("toast_for", who);
        HttpResponse<String> response = new Webhooks(PLATFORM.platform())
                .github("workflow_run", body.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(202, response.statusCode(), response.body());
    }

    private static JsonNode send(String method, String path, Object body, int expected) {
        return new Webhooks(PLATFORM.platform()).admin(method, path, body, expected);
    }
}
