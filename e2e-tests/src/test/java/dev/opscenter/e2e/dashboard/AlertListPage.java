package dev.opscenter.e2e.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** The alert list's filter bar, "Load more", grouping and the count cards, as a test drives them. */
final class AlertListPage {
    private static final Duration UI_DEADLINE = Duration.ofSeconds(20);

    private final Page page;
    private final DashboardPage dashboard;

    AlertListPage(Page page) {
        this.page = page;
        this.dashboard = new DashboardPage(page);
    }

    private Locator severityBox(String severity) {
        return page.locator("#alert-filters input[name='severity'][value='" + severity + "']");
    }

    void toggleSeverity(String severity) {
        severityBox(severity).click();
    }

    boolean severityChecked(String severity) {
        return severityBox(severity).isChecked();
    }

    /** Types into a text field of the filter bar and applies it with Enter. */
    void search(String field, String text) {
        Locator input = page.locator("#alert-filters [name='" + field + "']");
        input.fill(text);
        input.press("Enter");
    }

    String field(String name) {
        return page.locator("#alert-filters [name='" + name + "']").inputValue();
    }

    /** The titles of the rows shown, newest first. */
    List<String> titles() {
        return page.locator("#feed > li .alert-title").allInnerTexts();
    }

    List<String> severities() {
        return dashboard.attributes("#feed > li", "data-severity");
    }

    List<String> states() {
        return dashboard.attributes("#feed > li", "data-state");
    }

    boolean moreOffered() {
        return page.locator("#feed-more").isVisible();
    }

    void loadMore() {
        int before = titles().size();
        page.locator("#feed-more").click();
        await("an older page below the " + before + " rows", () -> titles().size(), n -> n > before);
    }

    void openCriticalCard() {
        page.locator(".stat-critical a[data-filter-link]").click();
    }

    void toggleGrouping() {
        page.locator("#group-toggle").click();
    }

    /** The text of each group line ("CI failed ×5"), latest first. */
    List<String> groupLabels() {
        return page.locator("#groups > li .group-title").allInnerTexts();
    }

    /** Opens a group; the locator finds the line again if the list was redrawn before the click landed. */
    void showGroup(String label) {
        page.locator("#groups > li")
                .filter(new Locator.FilterOptions()
                        .setHas(page.locator(".group-title:text-is(\"" + label.replace("\"", "\\\"") + "\")")))
                .locator("button.show-group")
                .click();
    }

    /** Scrolls the list's heading to the top of the window (for screenshots of the filter bar). */
    void scrollToList() {
        page.evaluate("() => document.getElementById('feed-heading').scrollIntoView()");
    }

    String search() {
        return (String) page.evaluate("() => window.location.search");
    }

    /** The count the favicon shows (its data-count), and the pinned strip's count of open criticals. */
    String faviconCount() {
        return page.locator("link[rel='icon']").getAttribute("data-count");
    }

    String faviconHref() {
        return page.locator("link[rel='icon']").getAttribute("href");
    }

    /** Visible controls of the filter bar, toolbar and paging shorter than 44 CSS pixels, described. */
    @SuppressWarnings("unchecked")
    List<String> smallTouchTargets() {
        return (List<String>) page.evaluate("""
                () => {
                  const selector = '#alert-filters input:not([type=checkbox]), #alert-filters select, #alert-filters button,'
                      + ' .filter-severity label, #group-toggle, #feed-more, .show-group, .stat-critical';
                  return [...document.querySelectorAll(selector)]
                      .filter((el) => el.offsetParent !== null)
                      .map((el) => [el, el.getBoundingClientRect().height])
                      .filter(([, height]) => height < 44)
                      .map(([el, height]) => el.outerHTML.slice(0, 80) + ' ' + height);
                }""");
    }

    <T> T await(String what, Callable<T> value, Predicate<? super T> done) {
        return Awaitility.await(what)
                .atMost(UI_DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(value, done::test);
    }
}
