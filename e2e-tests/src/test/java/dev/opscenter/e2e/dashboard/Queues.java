package dev.opscenter.e2e.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;

/** The console's Queues page (queues-page.js): one card per work stream with its facts and consumers. */
final class Queues {
    private final Page page;

    Queues(Page page) {
        this.page = page;
    }

    Locator cards() {
        return page.locator("[data-queues-list] li[data-queue]");
    }

    /** The streams' names in the order shown. */
    List<String> names() {
        return new DashboardPage(page).attributes("[data-queues-list] li[data-queue]", "data-queue");
    }

    Locator card(String queue) {
        return page.locator("li[data-queue='" + queue + "']");
    }

    /** A fact of the card (Length, Pending…), by its term. */
    Locator fact(Locator card, String term) {
        return card.locator("[data-fact='" + term + "']");
    }

    Locator consumers(Locator card) {
        return card.locator("[data-consumer]");
    }
}
