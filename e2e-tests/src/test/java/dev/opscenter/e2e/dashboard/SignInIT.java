package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing in to the console in Chromium: a wrong password is refused on the form, the first admin signs in, the page
 * keeps nothing in storage and cannot read its session cookie, the live socket opens (with a ticket: realtime admits
 * nothing else from a page), an admin creates a viewer on the
 * Users page, and the viewer signed in sees no Users page, is offered no triage, and is refused a change (403) even
 * when it calls the API itself with its session; the viewer changes its own password from the top bar.
 */
class SignInIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    /** The README's pictures: docs/screenshots/ of the repository this module lives in. */
    private static final java.nio.file.Path DOC_SCREENSHOTS = Platform.docScreenshots();

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    @Test
    void anAdminSignsInCreatesAViewerAndTheViewerMayOnlyRead() {
        Page browser = BROWSER.page();
        DashboardPage page = new DashboardPage(browser);
        page.open(PLATFORM.platform().ingress());
        page.signOutIfSignedIn();

        // a wrong password: refused on the form, nothing shown
        page.submitSignIn(Platform.ADMIN_USER, "not the password at all");
        assertThat(page.signInError()).hasText("Wrong name or password.");
        assertFalse(page.dashboard().isVisible());

        page.signIn();
        page.awaitLive();
        assertEquals("admin (admin)", page.who());
        assertEquals(
                0,
                ((Number) browser.evaluate("() => localStorage.length + sessionStorage.length")).intValue(),
                "nothing kept in storage");
        assertEquals("", browser.evaluate("() => document.cookie"), "the session cookie is HttpOnly");

        // the failed-events card opens the Events page filtered to failed events
        page.openFailedEventsCard();
        assertThat(new EventsPage(browser).section()).isVisible();
        assertThat(browser).hasURL(Pattern.compile("#/events\\?status=failed$"));

        // the admin creates a viewer on the Users page
        browser.navigate(PLATFORM.platform().ingress().resolve("/#/users").toString());
        ResourcePage users = new ResourcePage(browser, "users");
        assertThat(users.createButton()).isVisible();
        users.startCreate();
        users.fill("username", "vera");
        users.select("role", "viewer");
        users.fill("password", "vera's long password");
        users.submit();
        users.awaitCard("vera");
        BROWSER.screenshot(DOC_SCREENSHOTS.resolve("users.png"));

        // an alert to (not) act on
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        HttpResponse<String> posted = webhooks.github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, posted.statusCode(), posted.body());
        long eventId = Webhooks.json(posted.body()).path("id").asLong();

        // the viewer: reads, is offered nothing to change, and is refused a change made by hand
        browser.navigate(PLATFORM.platform().ingress().resolve("/#/").toString());
        page.signOutIfSignedIn();
        page.signIn("vera", "vera's long password");
        page.awaitLive();
        assertEquals("vera (viewer)", page.who());
        Locator alert = page.awaitTopAlertFor(eventId, DELIVERY);
        assertEquals(List.of(), page.offeredTriage(alert), "a viewer is offered no triage");
        List<String> pages = page.navPages();
        assertFalse(pages.contains("Users"), pages.toString());
        String alertId = alert.getAttribute("data-alert-id");
        @SuppressWarnings("unchecked")
        Map<String, Object> refused = (Map<String, Object>) browser.evaluate("""
                async (id) => {
                  const r = await fetch('api/alerts/' + id + '/acknowledge',
                                        { method: 'POST', headers: { 'X-Requested-With': 'test' } });
                  return { status: r.status, body: await r.json() };
                }""", alertId);
        assertEquals(403, ((Number) refused.get("status")).intValue());
        assertEquals(
                "POST /api/alerts/" + alertId + "/acknowledge needs the operator role; vera has viewer",
                ((Map<?, ?>) refused.get("body")).get("detail"));
        assertEquals(
                "open",
                Webhooks.json(webhooks.admin("/api/alerts/" + alertId).body())
                        .path("state")
                        .asText());

        // the viewer changes its own password from the top bar and signs in with the new one
        page.changePassword("vera's long password", "vera's newer password");
        page.signOutIfSignedIn();
        page.signIn("vera", "vera's newer password");
        assertEquals("vera (viewer)", page.who());
    }
}
