package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

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

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(Platform.buildDir().resolve("e2e-logs").resolve(SignInIT.class.getSimpleName()));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminSignsInCreatesAViewerAndTheViewerMayOnlyRead() {
        WebDriver driver = browser.driver();
        DashboardPage page = new DashboardPage(driver);
        page.open(PLATFORM.platform().ingress());
        signOutIfSignedIn(driver);

        // a wrong password: refused on the form, nothing shown
        fill(driver, Platform.ADMIN_USER, "not the password at all");
        await(
                "the form's error",
                () -> driver.findElement(By.id("sign-in-error")).getText(),
                "Wrong name or password."::equals);
        assertFalse(driver.findElement(By.id("dashboard")).isDisplayed());

        page.signIn();
        page.awaitLive();
        assertEquals("admin (admin)", driver.findElement(By.id("who")).getText());
        browser.screenshot(DOC_SCREENSHOTS.resolve("live.png"));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertEquals(
                0L, js.executeScript("return localStorage.length + sessionStorage.length"), "nothing kept in storage");
        assertEquals("", js.executeScript("return document.cookie"), "the session cookie is HttpOnly");

        // the failed-events card opens the Events page filtered to failed events
        driver.findElement(By.cssSelector(".stat-failed a.stat-link")).click();
        await(
                "the Events page, failed only",
                () -> driver.findElement(By.cssSelector("[data-page='events']")).isDisplayed()
                        && driver.getCurrentUrl().endsWith("#/events?status=failed"),
                shown -> shown);

        // the admin creates a viewer on the Users page
        driver.get(PLATFORM.platform().ingress().resolve("/#/users").toString());
        WebElement create = await(
                "the Users page",
                () -> driver.findElement(By.cssSelector("[data-page='users'] [data-create]")),
                WebElement::isDisplayed);
        create.click();
        driver.findElement(By.id("users-username")).sendKeys("vera");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("users-role"))).selectByValue("viewer");
        driver.findElement(By.id("users-password")).sendKeys("vera's long password");
        driver.findElement(By.cssSelector(".resource-dialog button[type=submit]"))
                .click();
        await(
                "vera listed",
                () -> driver.findElements(By.cssSelector("[data-page='users'] .resource-card h3")).stream()
                        .map(e -> e.getAttribute("textContent"))
                        .toList(),
                names -> names.contains("vera"));
        browser.screenshot(DOC_SCREENSHOTS.resolve("users.png"));

        // an alert to (not) act on
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        HttpResponse<String> posted = webhooks.github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, posted.statusCode(), posted.body());
        long eventId = Webhooks.json(posted.body()).path("id").asLong();

        // the viewer: reads, is offered nothing to change, and is refused a change made by hand
        driver.get(PLATFORM.platform().ingress().resolve("/#/").toString());
        signOutIfSignedIn(driver);
        page.signIn("vera", "vera's long password");
        page.awaitLive();
        assertEquals("vera (viewer)", driver.findElement(By.id("who")).getText());
        WebElement alert = page.awaitTopAlertFor(eventId, DELIVERY);
        assertEquals(List.of(), page.offeredTriage(alert), "a viewer is offered no triage");
        List<String> pages = driver.findElements(By.cssSelector("#console-nav a")).stream()
                .map(WebElement::getText)
                .toList();
        assertFalse(pages.contains("Users"), pages.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> refused =
                (Map<String, Object>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('api/alerts/' + arguments[0] + '/acknowledge',
                      { method: 'POST', headers: { 'X-Requested-With': 'test' } })
                  .then(async r => done({ status: r.status, body: await r.json() }));""", alert.getAttribute("data-alert-id"));
        assertEquals(403L, refused.get("status"));
        assertEquals(
                "POST /api/alerts/" + alert.getAttribute("data-alert-id")
                        + "/acknowledge needs the operator role; vera has viewer",
                ((Map<?, ?>) refused.get("body")).get("detail"));
        assertEquals(
                "open",
                Webhooks.json(webhooks.admin("/api/alerts/" + alert.getAttribute("data-alert-id"))
                                .body())
                        .path("state")
                        .asText());

        // the viewer changes its own password from the top bar and signs in with the new one
        driver.findElement(By.id("change-password")).click();
        driver.findElement(By.id("current-password")).sendKeys("vera's long password");
        driver.findElement(By.id("new-password")).sendKeys("vera's newer password");
        driver.findElement(By.cssSelector("#password-form button[type=submit]")).click();
        await(
                "the dialog closed",
                () -> driver.findElement(By.id("password-dialog")).isDisplayed(),
                shown -> !shown);
        signOutIfSignedIn(driver);
        page.signIn("vera", "vera's newer password");
        assertEquals("vera (viewer)", driver.findElement(By.id("who")).getText());
    }

    private static void signOutIfSignedIn(WebDriver driver) {
        WebElement shown = await(
                "sign-in form or dashboard",
                () -> {
                    WebElement form = driver.findElement(By.id("sign-in"));
                    WebElement dashboard = driver.findElement(By.id("dashboard"));
                    return form.isDisplayed() ? form : dashboard.isDisplayed() ? dashboard : null;
                },
                e -> e != null);
        if ("dashboard".equals(shown.getAttribute("id"))) {
            driver.findElement(By.id("sign-out")).click();
            await("the sign-in form", () -> driver.findElement(By.id("sign-in")).isDisplayed(), s -> s);
        }
    }

    private static void fill(WebDriver driver, String username, String password) {
        WebElement name = driver.findElement(By.id("username"));
        name.clear();
        name.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    }

    private static <T> T await(
            String what, java.util.concurrent.Callable<T> read, java.util.function.Predicate<T> done) {
        return Awaitility.await(what)
                .atMost(Duration.ofSeconds(15))
                .ignoreExceptions()
                .until(read, done);
    }
}
