package dev.opscenter.e2e.dashboard;

import dev.opscenter.e2e.platform.Platform;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What a test can see and do on the dashboard, by the same ids and data attributes the page's scripts use. */
final class DashboardPage {
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    private final WebDriver driver;

    DashboardPage(WebDriver driver) {
        this.driver = driver;
    }

    void open(URI ingress) {
        driver.get(ingress.resolve("/").toString());
    }

    /** Signs in as the platform's first admin, if the page asks (a live session skips the form). */
    void signIn() {
        signIn(Platform.ADMIN_USER, Platform.ADMIN_PASSWORD);
    }

    /** Signs in with this name and password if the page asks, and waits for the dashboard. */
    void signIn(String username, String password) {
        WebElement form = await(
                "sign-in form or dashboard",
                () -> {
                    WebElement signIn = driver.findElement(By.id("sign-in"));
                    WebElement dashboard = driver.findElement(By.id("dashboard"));
                    return signIn.isDisplayed() ? signIn : dashboard.isDisplayed() ? dashboard : null;
                },
                e -> e != null);
        if ("sign-in".equals(form.getAttribute("id"))) {
            driver.findElement(By.id("username")).clear();
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("#sign-in-form button[type=submit]"))
                    .click();
        }
        await("dashboard visible", () -> driver.findElement(By.id("dashboard")).isDisplayed(), shown -> shown);
    }

    String stat(String key) {
        return driver.findElement(By.cssSelector("[data-stat='" + key + "']")).getText();
    }

    /** Waits until every stat shows a figure instead of the loading dash. */
    void awaitStats() {
        await(
                "stats loaded",
                () -> List.of("webhooksToday", "criticalAlerts24h", "failedEvents24h").stream()
                        .allMatch(k -> stat(k).matches("[0-9][0-9,.\\s]*")),
                loaded -> loaded);
    }

    /** Waits until a stat shows the expected text, within the given deadline. */
    void awaitStat(String key, String expected, Duration deadline) {
        Awaitility.await("stat " + key + " shows " + expected)
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> stat(key), expected::equals);
    }

    String health(String component) {
        return driver.findElement(By.cssSelector("[data-component='" + component + "']"))
                .getAttribute("data-state");
    }

    String connectionState() {
        return driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    void awaitLive() {
        await("live socket", this::connectionState, "live"::equals);
    }

    /** True while the "Live updates paused" banner is shown. */
    boolean outageBannerShown() {
        return driver.findElement(By.id("outage")).isDisplayed();
    }

    /** Waits until the outage banner is shown (or gone, when {@code shown} is false). */
    void awaitOutageBanner(boolean shown, Duration deadline) {
        Awaitility.await(shown ? "outage banner shown" : "outage banner gone")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> outageBannerShown() == shown);
    }

    /** Whole seconds the banner says are left until the next reconnect attempt; -1 while one is under way. */
    int countdownSeconds() {
        String seconds = driver.findElement(By.id("outage-countdown")).getAttribute("data-seconds");
        return seconds == null || seconds.isEmpty() ? -1 : Integer.parseInt(seconds);
    }

    String countdownText() {
        return driver.findElement(By.id("outage-countdown")).getText();
    }

    /** How many reconnect attempts have failed in a row, as the banner records it. */
    int reconnectAttempts() {
        return Integer.parseInt(driver.findElement(By.id("outage")).getAttribute("data-attempt"));
    }

    /** What started the latest reconnect attempt: start, backoff, button, health or online. */
    String reconnectTrigger() {
        return driver.findElement(By.id("outage")).getAttribute("data-trigger");
    }

    /** Turns "Sound on critical" on (it is remembered per browser, so only if it is off). */
    void enableSound() {
        WebElement toggle = driver.findElement(By.id("sound-toggle"));
        if (!"true".equals(toggle.getAttribute("aria-pressed"))) {
            toggle.click();
        }
    }

    /** How many times the page sounded the critical beep since it loaded. */
    int soundsPlayed() {
        String sounded = driver.findElement(By.id("sound-toggle")).getAttribute("data-sounded");
        return sounded == null ? 0 : Integer.parseInt(sounded);
    }

    void reconnectNow() {
        driver.findElement(By.id("reconnect-now")).click();
    }

    /** The alert ids of the rows in the feed, newest first, duplicates included. */
    List<String> feedAlertIds() {
        return driver.findElements(By.cssSelector("#feed > li")).stream()
                .map(row -> row.getAttribute("data-alert-id"))
                .toList();
    }

    /** Waits until the feed has a row for the given event, wherever it is in the list. */
    void awaitAlertFor(long eventId, Duration deadline) {
        Awaitility.await("alert for event " + eventId + " in the feed")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> feedEventIds().contains(Long.toString(eventId)));
    }

    /** How far the document scrolls sideways: its scrollWidth minus its clientWidth (0 when nothing overflows). */
    long sidewaysOverflow() {
        return ((Number) ((JavascriptExecutor) driver)
                        .executeScript("const d = document.documentElement; return d.scrollWidth - d.clientWidth;"))
                .longValue();
    }

    WebElement topAlert() {
        return driver.findElement(By.cssSelector("#feed > li:first-child"));
    }

    /** The event ids of the alerts in the live feed, newest first. */
    List<String> feedEventIds() {
        return driver.findElements(By.cssSelector("#feed > li")).stream()
                .map(row -> row.getAttribute("data-event-id"))
                .toList();
    }

    /** Waits until the newest alert in the feed belongs to the given event. */
    WebElement awaitTopAlertFor(long eventId, Duration deadline) {
        return Awaitility.await("alert for event " + eventId + " at the top of the feed")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(this::topAlert, row -> Long.toString(eventId).equals(row.getAttribute("data-event-id")));
    }

    /** Presses the row's "Mark read" button and waits for the row to show it as read. */
    void markRead(WebElement alertRow) {
        alertRow.findElement(By.cssSelector("button.mark-read")).click();
        await("row marked read", () -> alertRow.getAttribute("class").contains("is-read"), read -> read);
    }

    /** Presses the row's triage button for the action (acknowledge, resolve, reopen) and waits for the row's state. */
    void triage(WebElement alertRow, String action, String expectedState) {
        alertRow.findElement(By.cssSelector("button.triage[data-action='" + action + "']"))
                .click();
        awaitState(alertRow, expectedState);
    }

    /** Waits until the row shows the triage state, however it got there (this page or the live socket). */
    void awaitState(WebElement alertRow, String state) {
        await("row " + state, () -> alertRow.getAttribute("data-state"), state::equals);
    }

    /** What the row says of its triage ("Acknowledged by …"). */
    String triageText(WebElement alertRow) {
        return alertRow.findElement(By.cssSelector(".triage-state")).getText();
    }

    /** The labels of the row's triage buttons that are offered now. */
    List<String> offeredTriage(WebElement alertRow) {
        return alertRow.findElements(By.cssSelector("button.triage")).stream()
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText)
                .toList();
    }

    /** The alert ids pinned above the feed as open criticals, newest first (none while the section is hidden). */
    List<String> pinnedAlertIds() {
        if (!driver.findElement(By.id("pinned")).isDisplayed()) {
            return List.of();
        }
        return driver.findElements(By.cssSelector("#pinned-list > li")).stream()
                .map(row -> row.getAttribute("data-alert-id"))
                .toList();
    }

    /** Presses Acknowledge on the pinned alert. */
    void acknowledgePinned(String alertId) {
        driver.findElement(By.cssSelector("#pinned-list > li[data-alert-id='" + alertId + "'] button.acknowledge"))
                .click();
    }

    String title() {
        return driver.getTitle();
    }

    /** Follows the alert's link to its event and waits for the payload in the drawer. */
    String openEvent(WebElement alertRow) {
        alertRow.findElement(By.cssSelector("a.alert-title")).click();
        await(
                "event drawer open",
                () -> driver.findElement(By.id("event-drawer")).isDisplayed(),
                open -> open);
        return await(
                "event payload",
                () -> driver.findElement(By.cssSelector("[data-detail-payload]"))
                        .getText(),
                t -> !t.isBlank());
    }

    /** Closes a drawer with its Close button and waits until it is gone. */
    void closeDrawer(String drawerId) {
        driver.findElement(By.cssSelector("#" + drawerId + " [data-detail-close]"))
                .click();
        await(
                "drawer " + drawerId + " closed",
                () -> driver.findElement(By.id(drawerId)).isDisplayed(),
                open -> !open);
    }

    String eventStatus() {
        return driver.findElement(By.cssSelector("[data-event-status]")).getText();
    }

    /** Sets a marker on window that only survives if the page is never reloaded. */
    void markPageInstance(String marker) {
        ((JavascriptExecutor) driver).executeScript("window.__e2eMarker = arguments[0];", marker);
    }

    Object pageInstanceMarker() {
        return ((JavascriptExecutor) driver).executeScript("return window.__e2eMarker || null;");
    }

    /** Waits up to the UI deadline until the supplier's value is done, ignoring exceptions meanwhile (stale elements). */
    static <T> T await(String what, Callable<T> supplier, Predicate<? super T> done) {
        return Awaitility.await(what)
                .atMost(UI_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(supplier, done::test);
    }
}
