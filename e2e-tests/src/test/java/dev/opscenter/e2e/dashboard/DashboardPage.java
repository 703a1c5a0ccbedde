package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions;
import com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions;
import dev.opscenter.e2e.platform.Platform;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** What a test can see and do on the dashboard, by the same ids and data attributes the page's scripts use. */
final class DashboardPage {
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    private final Page page;

    DashboardPage(Page page) {
        this.page = page;
    }

    Page page() {
        return page;
    }

    void open(URI ingress) {
        page.navigate(ingress.resolve("/").toString());
    }

    /** Opens a place in the console by its hash (#/events?status=failed) without reloading the page. */
    void go(String hash) {
        page.evaluate("hash => { window.location.hash = hash; }", hash);
    }

    String hash() {
        return (String) page.evaluate("() => window.location.hash");
    }

    /** Signs in as the platform's first admin, if the page asks (a live session skips the form). */
    void signIn() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
    }

    /** Signs in with this name and password if the page asks, and waits for the dashboard. */
    void signIn(String username, String password) {
        if (signInShown()) {
            page.locator("#username").fill(username);
            page.locator("#password").fill(password);
            page.locator("#sign-in-form button[type=submit]").click();
        }
        assertThat(page.locator("#dashboard")).isVisible();
    }

    /** Waits for the sign-in form or the dashboard, whichever the page shows, and says whether it is the form. */
    boolean signInShown() {
        Locator form = page.locator("#sign-in");
        page.locator("#sign-in:visible, #dashboard:visible").first().waitFor();
        return form.isVisible();
    }

    /** Signs out if signed in, and waits for the sign-in form. */
    void signOutIfSignedIn() {
        if (!signInShown()) {
            signOut();
        }
    }

    void signOut() {
        page.locator("#sign-out").click();
        assertThat(page.locator("#sign-in")).isVisible();
    }

    /** Sends the sign-in form with these (perhaps wrong) credentials, without waiting for the outcome. */
    void submitSignIn(String username, String password) {
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("#sign-in-form button[type=submit]").click();
    }

    Locator signInError() {
        return page.locator("#sign-in-error");
    }

    Locator dashboard() {
        return page.locator("#dashboard");
    }

    /** "admin (admin)": who is signed in, as the top bar says. */
    String who() {
        return page.locator("#who").innerText();
    }

    /** Changes the signed-in user's own password from the top bar and waits for the dialog to close. */
    void changePassword(String current, String next) {
        page.locator("#change-password").click();
        page.locator("#current-password").fill(current);
        page.locator("#new-password").fill(next);
        page.locator("#password-form button[type=submit]").click();
        assertThat(page.locator("#password-dialog")).isHidden();
    }

    /** The names of the console's pages in its nav. */
    List<String> navPages() {
        return page.locator("#console-nav a").allInnerTexts();
    }

    /** Follows the console's nav link to a page. */
    void openPageLink(String name) {
        page.locator("a[data-page-link='" + name + "']").click();
    }

    /** The section of a console page (data-page). */
    Locator section(String name) {
        return page.locator("section[data-page='" + name + "']");
    }

    /** Follows the failed-events card's link. */
    void openFailedEventsCard() {
        page.locator(".stat-failed a.stat-link").click();
    }

    String stat(String key) {
        return page.locator("[data-stat='" + key + "']").innerText();
    }

    /** Waits until every stat shows a figure instead of the loading dash. */
    void awaitStats() {
        for (String key : List.of("webhooksToday", "criticalAlerts24h", "failedEvents24h")) {
            assertThat(page.locator("[data-stat='" + key + "']")).hasText(Pattern.compile("^[0-9][0-9,.\\s]*$"));
        }
    }

    /** Waits until a stat shows the expected text, within the given deadline. */
    void awaitStat(String key, String expected, Duration deadline) {
        assertThat(page.locator("[data-stat='" + key + "']"))
                .hasText(expected, new HasTextOptions().setTimeout(deadline.toMillis()));
    }

    String health(String component) {
        return page.locator("[data-component='" + component + "']").getAttribute("data-state");
    }

    String connectionState() {
        return page.locator("#connection").getAttribute("data-state");
    }

    void awaitLive() {
        assertThat(page.locator("#connection")).hasAttribute("data-state", "live");
    }

    /** True while the "Live updates paused" banner is shown. */
    boolean outageBannerShown() {
        return page.locator("#outage").isVisible();
    }

    /** Waits until the outage banner is shown (or gone, when {@code shown} is false). */
    void awaitOutageBanner(boolean shown, Duration deadline) {
        Awaitility.await(shown ? "outage banner shown" : "outage banner gone")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> outageBannerShown() == shown);
    }

    /** Whole seconds the banner says are left until the next reconnect attempt; -1 while one is under way. */
    int countdownSeconds() {
        String seconds = page.locator("#outage-countdown").getAttribute("data-seconds");
        return seconds == null || seconds.isEmpty() ? -1 : Integer.parseInt(seconds);
    }

    String countdownText() {
        return page.locator("#outage-countdown").innerText();
    }

    /** How many reconnect attempts have failed in a row, as the banner records it. */
    int reconnectAttempts() {
        return Integer.parseInt(page.locator("#outage").getAttribute("data-attempt"));
    }

    /** What started the latest reconnect attempt: start, backoff, button, health or online. */
    String reconnectTrigger() {
        return page.locator("#outage").getAttribute("data-trigger");
    }

    /** Turns "Sound on critical" on (it is remembered per browser, so only if it is off). */
    void enableSound() {
        Locator toggle = page.locator("#sound-toggle");
        if (!"true".equals(toggle.getAttribute("aria-pressed"))) {
            toggle.click();
        }
    }

    /** How many times the page sounded the critical beep since it loaded. */
    int soundsPlayed() {
        String sounded = page.locator("#sound-toggle").getAttribute("data-sounded");
        return sounded == null ? 0 : Integer.parseInt(sounded);
    }

    void reconnectNow() {
        page.locator("#reconnect-now").click();
    }

    /** The alert ids of the rows in the feed, newest first, duplicates included. */
    List<String> feedAlertIds() {
        return attributes("#feed > li", "data-alert-id");
    }

    /** Waits until the feed has a row for the given event, wherever it is in the list. */
    void awaitAlertFor(long eventId, Duration deadline) {
        Awaitility.await("alert for event " + eventId + " in the feed")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> feedEventIds().contains(Long.toString(eventId)));
    }

    /** How far the document scrolls sideways: its scrollWidth minus its clientWidth (0 when nothing overflows). */
    long sidewaysOverflow() {
        return ((Number) page.evaluate(
                        "() => { const d = document.documentElement; return d.scrollWidth - d.clientWidth; }"))
                .longValue();
    }

    /** The event ids of the alerts in the live feed, newest first. */
    List<String> feedEventIds() {
        return attributes("#feed > li", "data-event-id");
    }

    /** Waits until the newest alert in the feed belongs to the given event; its row, found again by its alert id. */
    Locator awaitTopAlertFor(long eventId, Duration deadline) {
        Locator top = page.locator("#feed > li").first();
        assertThat(top)
                .hasAttribute(
                        "data-event-id",
                        Long.toString(eventId),
                        new HasAttributeOptions().setTimeout(deadline.toMillis()));
        return alertRow(page.locator("#feed > li[data-event-id='" + eventId + "']")
                .first()
                .getAttribute("data-alert-id"));
    }

    /** The feed's row of this alert. */
    Locator alertRow(String alertId) {
        return page.locator("#feed > li[data-alert-id='" + alertId + "']");
    }

    /** Presses the row's "Mark read" button and waits for the row to show it as read. */
    void markRead(Locator alertRow) {
        alertRow.locator("button.mark-read").click();
        assertThat(alertRow).hasClass(Pattern.compile("(^|\\s)is-read(\\s|$)"));
    }

    /** Presses the row's triage button for the action (acknowledge, resolve, reopen) and waits for the row's state. */
    void triage(Locator alertRow, String action, String expectedState) {
        alertRow.locator("button.triage[data-action='" + action + "']").click();
        awaitState(alertRow, expectedState);
    }

    /** Waits until the row shows the triage state, however it got there (this page or the live socket). */
    void awaitState(Locator alertRow, String state) {
        assertThat(alertRow).hasAttribute("data-state", state);
    }

    /** What the row says of its triage ("Acknowledged by …"). */
    String triageText(Locator alertRow) {
        return alertRow.locator(".triage-state").innerText();
    }

    /** The labels of the row's triage buttons that are offered now. */
    List<String> offeredTriage(Locator alertRow) {
        return alertRow.locator("button.triage:visible").allInnerTexts();
    }

    /** The alert ids pinned above the feed as open criticals, newest first (none while the section is hidden). */
    List<String> pinnedAlertIds() {
        if (!page.locator("#pinned").isVisible()) {
            return List.of();
        }
        return attributes("#pinned-list > li", "data-alert-id");
    }

    /** Presses Acknowledge on the pinned alert. */
    void acknowledgePinned(String alertId) {
        page.locator("#pinned-list > li[data-alert-id='" + alertId + "'] button.acknowledge")
                .click();
    }

    String title() {
        return page.title();
    }

    /** Follows the alert's link to its event and waits for the payload in the drawer. */
    String openEvent(Locator alertRow) {
        alertRow.locator("a.alert-title").click();
        assertThat(page.locator("#event-drawer")).isVisible();
        Locator payload = page.locator("[data-detail-payload]");
        assertThat(payload).hasText(Pattern.compile("\\S"));
        return payload.innerText();
    }

    /** Closes a drawer with its Close button and waits until it is gone. */
    void closeDrawer(String drawerId) {
        page.locator("#" + drawerId + " [data-detail-close]").click();
        assertThat(page.locator("#" + drawerId)).isHidden();
    }

    String eventStatus() {
        return page.locator("[data-event-status]").innerText();
    }

    /** Sets a marker on window that only survives if the page is never reloaded. */
    void markPageInstance(String marker) {
        page.evaluate("marker => { window.__e2eMarker = marker; }", marker);
    }

    Object pageInstanceMarker() {
        return page.evaluate("() => window.__e2eMarker || null");
    }

    /** An attribute of every element the selector matches, in one read of the page (no row can go stale between). */
    List<String> attributes(String selector, String attribute) {
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) page.locator(selector)
                .evaluateAll("(elements, name) => elements.map((e) => e.getAttribute(name))", attribute);
        return values;
    }

    /** Waits up to the UI deadline until the supplier's value is done, ignoring exceptions meanwhile. */
    static <T> T await(String what, Callable<T> supplier, Predicate<? super T> done) {
        return Awaitility.await(what)
                .atMost(UI_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(supplier, done::test);
    }
}
