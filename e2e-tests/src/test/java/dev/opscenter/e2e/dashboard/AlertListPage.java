package dev.opscenter.e2e.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The alert list's filter bar, "Load more", grouping and the count cards, as a test drives them. */
final class AlertListPage {
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    private final WebDriver driver;

    AlertListPage(WebDriver driver) {
        this.driver = driver;
    }

    void toggleSeverity(String severity) {
        driver.findElement(By.cssSelector("#alert-filters input[name='severity'][value='" + severity + "']"))
                .click();
    }

    boolean severityChecked(String severity) {
        return driver.findElement(By.cssSelector("#alert-filters input[name='severity'][value='" + severity + "']"))
                .isSelected();
    }

    /** Types into a text field of the filter bar and applies it with Enter. */
    void search(String field, String text) {
        WebElement input = driver.findElement(By.cssSelector("#alert-filters [name='" + field + "']"));
        input.clear();
        input.sendKeys(text + "\n");
    }

    String field(String name) {
        return driver.findElement(By.cssSelector("#alert-filters [name='" + name + "']"))
                .getAttribute("value");
    }

    /** The titles of the rows shown, newest first. */
    List<String> titles() {
        return driver.findElements(By.cssSelector("#feed > li .alert-title")).stream()
                .map(WebElement::getText)
                .toList();
    }

    List<String> severities() {
        return driver.findElements(By.cssSelector("#feed > li")).stream()
                .map(row -> row.getAttribute("data-severity"))
                .toList();
    }

    List<String> states() {
        return driver.findElements(By.cssSelector("#feed > li")).stream()
                .map(row -> row.getAttribute("data-state"))
                .toList();
    }

    boolean moreOffered() {
        return driver.findElement(By.id("feed-more")).isDisplayed();
    }

    void loadMore() {
        int before = titles().size();
        driver.findElement(By.id("feed-more")).click();
        await("an older page below the " + before + " rows", () -> titles().size(), n -> n > before);
    }

    void openCriticalCard() {
        driver.findElement(By.cssSelector(".stat-critical a[data-filter-link]")).click();
    }

    void toggleGrouping() {
        driver.findElement(By.id("group-toggle")).click();
    }

    /** The text of each group line ("CI failed ×5"), latest first. */
    List<String> groupLabels() {
        return driver.findElements(By.cssSelector("#groups > li .group-title")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** Opens a group; found and clicked again if the list was redrawn in between (a stale element). */
    void showGroup(String label) {
        await(
                "the group " + label + " opened",
                () -> {
                    driver.findElements(By.cssSelector("#groups > li")).stream()
                            .filter(li -> li.findElement(By.cssSelector(".group-title"))
                                    .getText()
                                    .equals(label))
                            .findFirst()
                            .orElseThrow()
                            .findElement(By.cssSelector("button.show-group"))
                            .click();
                    return true;
                },
                clicked -> clicked);
    }

    /** Scrolls the list's heading to the top of the window (for screenshots of the filter bar). */
    void scrollToList() {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('feed-heading').scrollIntoView();");
    }

    String search() {
        return (String) ((JavascriptExecutor) driver).executeScript("return window.location.search;");
    }

    /** The count the favicon shows (its data-count), and the pinned strip's count of open criticals. */
    String faviconCount() {
        return driver.findElement(By.cssSelector("link[rel='icon']")).getAttribute("data-count");
    }

    String faviconHref() {
        return driver.findElement(By.cssSelector("link[rel='icon']")).getAttribute("href");
    }

    /** Visible controls of the filter bar, toolbar and paging shorter than 44 CSS pixels, described. */
    @SuppressWarnings("unchecked")
    List<String> smallTouchTargets() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const selector = '#alert-filters input:not([type=checkbox]), #alert-filters select, #alert-filters button,'
                    + ' .filter-severity label, #group-toggle, #feed-more, .show-group, .stat-critical';
                return [...document.querySelectorAll(selector)]
                    .filter((el) => el.offsetParent !== null)
                    .map((el) => [el, el.getBoundingClientRect().height])
                    .filter(([, height]) => height < 44)
                    .map(([el, height]) => el.outerHTML.slice(0, 80) + ' ' + height);""");
    }

    <T> T await(String what, java.util.concurrent.Callable<T> value, Predicate<? super T> done) {
        return Awaitility.await(what)
                .atMost(UI_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(value, done::test);
    }
}
