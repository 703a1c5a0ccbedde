package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.concurrent.atomic.AtomicReference;

/** The console's Events page (events-page.js) and the event drawer (detail.js). */
final class EventsPage {
    private final Page page;

    EventsPage(Page page) {
        this.page = page;
    }

    Locator section() {
        return page.locator("[data-page='events']");
    }

    /** The card of a stored event in the list. */
    Locator card(long eventId) {
        return page.locator("[data-events-list] li[data-event-id='" + eventId + "']");
    }

    /** The cards in the list. */
    Locator cards() {
        return page.locator("[data-events-list] li[data-event-id]");
    }

    String cardError(Locator card) {
        return card.locator(".event-card-error").innerText();
    }

    /** Follows the card's link to the event drawer. */
    void openEvent(Locator card) {
        card.locator("a.event-link").click();
    }

    Locator drawer() {
        return page.locator("#event-drawer");
    }

    /** The drawer's JSON view of the payload or headers. */
    Locator json(String view) {
        return drawer().locator("[data-json-view='" + view + "'] pre");
    }

    Locator copyJson(String view) {
        return drawer().locator("[data-json-copy='" + view + "']");
    }

    Locator timeline() {
        return drawer().locator("[data-timeline]");
    }

    Locator replayButton() {
        return drawer().locator("[data-detail-replay]");
    }

    /** The status the drawer shows for its event (data-event-status). */
    Locator drawerStatus() {
        return drawer().locator("[data-event-status]");
    }

    /** What the last bulk action said under the toolbar. */
    Locator outcome() {
        return page.locator("[data-events-outcome]");
    }

    /**
     * Presses "Replay all failed", answers the page's confirmation (accepts it, or dismisses it when {@code confirm} is
     * false) and returns its question.
     */
    String replayAllFailed(boolean confirm) {
        AtomicReference<String> question = new AtomicReference<>();
        page.onceDialog((Dialog dialog) -> {
            question.set(dialog.message());
            if (confirm) {
                dialog.accept();
            } else {
                dialog.dismiss();
            }
        });
        Locator button = page.locator("[data-events-replay-failed]");
        button.click();
        // the button is disabled from the click until the page has counted, asked and sent
        assertThat(button).isEnabled();
        return question.get();
    }
}
