package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The Subscriptions page: crud.js's cards and form, plus the deliveries dialog and the secret shown once. */
final class SubscriptionsPage {
    private final Page page;
    private final ResourcePage resources;

    SubscriptionsPage(Page page) {
        this.page = page;
        this.resources = new ResourcePage(page, "subscriptions");
    }

    ResourcePage resources() {
        return resources;
    }

    /** The dialog showing a new signing secret once. */
    Locator secretDialog() {
        return page.locator("[data-secret-dialog]");
    }

    Locator secret() {
        return secretDialog().locator("[data-secret]");
    }

    /** Presses Done on the secret's dialog and waits until the dialog, and the secret with it, is gone. */
    void closeSecret() {
        secretDialog().locator("button.primary").click();
        assertThat(secretDialog()).isHidden();
    }

    /** Opens the card's deliveries and health. */
    void openDeliveries(Locator card) {
        card.locator("[data-open-deliveries]").click();
    }

    Locator deliveries(String status) {
        return page.locator("[data-deliveries-list] li[data-status='" + status + "']");
    }

    /** Opens a delivery's attempts and returns their timeline. */
    Locator attempts(Locator delivery) {
        delivery.locator("details.delivery-attempts summary").click();
        return delivery.locator("[data-timeline]");
    }

    Locator endpointHealth() {
        return page.locator("[data-endpoint-health]");
    }

    void retry(Locator delivery) {
        delivery.locator("[data-delivery-retry]").click();
    }

    void closeDeliveries() {
        page.locator("[data-deliveries-close]").click();
    }
}
