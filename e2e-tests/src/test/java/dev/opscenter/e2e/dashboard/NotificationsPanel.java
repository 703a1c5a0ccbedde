package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The dashboard's notifications panel and drawer, by the ids and data attributes its scripts use. */
final class NotificationsPanel {
    private final Page page;

    NotificationsPanel(Page page) {
        this.page = page;
    }

    /** The panel's row of the event's notification. */
    Locator row(long eventId) {
        return page.locator("#notification-rows tr[data-event-id='" + eventId + "']");
    }

    /** Waits until the panel shows a row for the event's notification in the given status. */
    Locator awaitRowFor(long eventId, String status, Duration deadline) {
        Locator row = row(eventId);
        assertThat(row).hasAttribute("data-status", status, new HasAttributeOptions().setTimeout(deadline.toMillis()));
        return row;
    }

    /** A cell's text as the page set it (the badge is upper-cased by CSS only). */
    String cell(Locator row, String name) {
        return row.locator("[data-cell='" + name + "']").textContent().trim();
    }

    Locator retryButton(Locator row) {
        return row.locator("button[data-retry]");
    }

    /** Presses the row's Retry button and returns the outcome line once it reports the answer. */
    String retry(Locator row) {
        retryButton(row).click();
        Locator outcome = page.locator("#notifications-outcome");
        assertThat(outcome).hasText(Pattern.compile("queued|failed:"));
        return outcome.innerText();
    }

    void scrollIntoView() {
        page.evaluate("() => document.getElementById('notifications').scrollIntoView({block: 'start'})");
    }

    /** Clicks a plain cell of the row (not its link or button) and waits for the detail drawer to show the body. */
    Locator openDetail(Locator row) {
        row.locator("[data-cell='attempts']").click();
        Locator drawer = page.locator("#notification-drawer");
        assertThat(drawer).isVisible();
        assertThat(drawer.locator("[data-notification-body]")).hasText(Pattern.compile("\\S"));
        return drawer;
    }

    String detailStatus(Locator drawer) {
        return drawer.locator("[data-notification-status]").getAttribute("data-notification-status");
    }

    /** True when both handles are the same element of the page (a row updated in place, not redrawn). */
    boolean sameElement(ElementHandle a, ElementHandle b) {
        return Boolean.TRUE.equals(page.evaluate("([a, b]) => a === b", List.of(a, b)));
    }
}
