package dev.opscenter.e2e.dashboard;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The dashboard's notifications panel and drawer, by the ids and data attributes its scripts use. */
final class NotificationsPanel {
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    private final WebDriver driver;

    NotificationsPanel(WebDriver driver) {
        this.driver = driver;
    }

    /** Waits until the panel shows a row for the event's notification in the given status. */
    WebElement awaitRowFor(long eventId, String status, Duration deadline) {
        return Awaitility.await("notification of event " + eventId + " shown as " + status)
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(
                        () -> driver.findElement(
                                By.cssSelector("#notification-rows tr[data-event-id='" + eventId + "']")),
                        row -> status.equals(row.getAttribute("data-status")));
    }

    /** A cell's text as the page set it (the badge is upper-cased by CSS only). */
    String cell(WebElement row, String name) {
        return row.findElement(By.cssSelector("[data-cell='" + name + "']"))
                .getDomProperty("textContent")
                .trim();
    }

    /** Presses the row's Retry button and returns the outcome line once it reports the answer. */
    String retry(WebElement row) {
        row.findElement(By.cssSelector("button[data-retry]")).click();
        return await(
                "retry outcome",
                () -> driver.findElement(By.id("notifications-outcome")).getText(),
                text -> text.contains("queued") || text.contains("failed:"));
    }

    void scrollIntoView() {
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById('notifications').scrollIntoView({block: 'start'});");
    }

    /** Clicks a plain cell of the row (not its link or button) and waits for the detail drawer to show the body. */
    WebElement openDetail(WebElement row) {
        row.findElement(By.cssSelector("[data-cell='attempts']")).click();
        WebElement drawer = await(
                "notification drawer open",
                () -> driver.findElement(By.id("notification-drawer")),
                WebElement::isDisplayed);
        await(
                "notification body",
                () -> drawer.findElement(By.cssSelector("[data-notification-body]"))
                        .getText(),
                t -> !t.isBlank());
        return drawer;
    }

    private static <T> T await(String what, Callable<T> supplier, Predicate<? super T> done) {
        return Awaitility.await(what)
                .atMost(UI_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(supplier, done::test);
    }
}
