package dev.opscenter.e2e.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One of the console's list-and-form pages made by crud.js (Sources, Users, Rules, Subscriptions…): its cards by
 * heading, its New button, the form's fields by the ids crud.js gives them ({@code <page>-<field>}), the card actions
 * (buttons marked {@code data-<action>}) and what those open: a source's rejections, a group's members, a rule's
 * dry-run, a template's preview, a key shown once.
 */
final class ResourcePage {
    private final Page page;
    private final String name;

    ResourcePage(Page page, String name) {
        this.page = page;
        this.name = name;
    }

    Locator section() {
        return page.locator("section[data-page='" + name + "']");
    }

    /** Follows the console's nav link to the page and waits until it has loaded its list. */
    ResourcePage openFromNav() {
        page.locator("a[data-page-link='" + name + "']").click();
        return awaitLoaded();
    }

    /** Opens the page by its hash (#/name) without reloading, and waits until it has loaded its list. */
    ResourcePage open() {
        new DashboardPage(page).go("#/" + name);
        return awaitLoaded();
    }

    private ResourcePage awaitLoaded() {
        assertThat(section()).isVisible();
        assertThat(section()).not().hasAttribute("aria-busy", "true");
        return this;
    }

    Locator createButton() {
        return section().locator("[data-create]");
    }

    /** Presses "New …" and waits for the form. */
    void startCreate() {
        createButton().click();
        assertThat(form()).isVisible();
    }

    /** The open form's dialog. */
    Locator form() {
        return section().locator(".resource-dialog form");
    }

    /** A field's input, by the field's name in the page's spec (name, url, config.from…). */
    Locator input(String field) {
        return page.locator("#" + name + "-" + field.replaceAll("[^A-Za-z0-9_-]", "-"));
    }

    /** The wrapper of a field: its label, input and hint. */
    Locator field(String field) {
        return section().locator(".form-field[data-field='" + field + "']");
    }

    void fill(String field, String text) {
        input(field).fill(text);
    }

    void select(String field, String value) {
        input(field).selectOption(value);
    }

    void selectLabel(String field, String label) {
        input(field).selectOption(new SelectOption().setLabel(label));
    }

    /** Ticks one box of a field of several (a silence's severities). */
    void check(String field, String value) {
        input(field).locator("input[value='" + value + "']").click();
    }

    /** Sends the form (Create or Save). */
    void submit() {
        form().locator("button[type=submit]").click();
    }

    /** Cancels the form and waits for it to close. */
    void cancel() {
        form().locator("button:text-is('Cancel')").click();
        assertThat(form()).isHidden();
    }

    /** The card whose heading is this text exactly (compared as set, not as the style sheet capitalises it). */
    Locator card(String heading) {
        return section()
                .locator(".resource-card")
                .filter(new Locator.FilterOptions()
                        .setHas(page.locator("h3:text-is(\"" + heading.replace("\"", "\\\"") + "\")")));
    }

    /** Waits for the card of this heading; a timeout says what the page showed instead. */
    Locator awaitCard(String heading) {
        Locator card = card(heading);
        try {
            assertThat(card).isVisible();
        } catch (AssertionError e) {
            throw new AssertionError(
                    "no card " + heading + "; the page shows:\n" + section().innerText(), e);
        }
        return card;
    }

    /** The card of this stored item, by its id. */
    Locator cardOf(long id) {
        return section().locator(".resource-card[data-id='" + id + "']");
    }

    /** The headings of the cards, as set. */
    List<String> headings() {
        return section().locator(".resource-card h3").allTextContents();
    }

    Locator editButton(Locator card) {
        return card.locator("[data-edit]");
    }

    /** Edit and Delete (or the page's own change buttons) on a card. */
    Locator changeButtons(Locator card) {
        return card.locator("[data-edit], [data-remove], [data-expire]");
    }

    /** Opens the card's edit form. */
    void edit(Locator card) {
        editButton(card).click();
        assertThat(form()).isVisible();
    }

    /** A select filter of the page's toolbar. */
    void filter(String filter, String value) {
        section().locator("[data-filter='" + filter + "']").selectOption(value);
    }

    /** A card's buttons for these actions (edit, remove, expire, rejections, members, dry-run-saved…). */
    Locator actions(Locator card, String... actions) {
        return card.locator(Arrays.stream(actions).map(a -> "[data-" + a + "]").collect(Collectors.joining(", ")));
    }

    /** Presses the card's button for this action. */
    void act(Locator card, String action) {
        actions(card, action).click();
    }

    /** The value a copy field shows (a source's webhook URL, a new key) within this part of the page. */
    Locator copyValue(Locator scope) {
        return scope.locator(".copy-value");
    }

    /** The dialog open on top of the page (a key shown once, a card's rejections, a group's members). */
    Locator openDialog() {
        return page.locator("dialog[open]");
    }

    Locator dialogHeading() {
        return openDialog().locator("h3");
    }

    /** Closes the open dialog with its Close button. */
    void closeDialog() {
        openDialog().locator("[data-close]").click();
    }

    /** Presses the open dialog's main button (Done). */
    void confirmDialog() {
        openDialog().locator("button.primary").click();
    }

    /** The new API key, shown once. */
    Locator newKey() {
        return copyValue(page.locator("[data-new-key]"));
    }

    /** The rejected deliveries a source's dialog lists. */
    Locator rejections() {
        return openDialog().locator(".rejection");
    }

    /** The state a silence's card shows (active, pending, expired). */
    String silenceState(Locator card) {
        return card.locator("[data-silence-state]").getAttribute("data-silence-state");
    }

    /** The members a group's dialog lists. */
    Locator members() {
        return openDialog().locator("li[data-member]");
    }

    List<String> memberNames() {
        return new DashboardPage(page).attributes("dialog[open] li[data-member]", "data-member");
    }

    /** Adds recipients (one per line or comma-separated) in a group's members dialog. */
    void addMembers(String recipients) {
        page.locator("#members-add").fill(recipients);
        openDialog().locator("form button[type=submit]").click();
    }

    /** Removes one member in a group's members dialog. */
    void removeMember(String recipient) {
        openDialog().locator("li[data-member='" + recipient + "'] button").click();
    }

    /** The recent event a rule's dry-run matched, in its card. */
    Locator dryRunMatch(Locator card, long eventId) {
        return card.locator(".dry-run-matches li[data-event-id='" + eventId + "']");
    }

    /** The message a dry-run match or a preview shows. */
    Locator message(Locator scope) {
        return scope.locator(".message-body");
    }

    /** A template's live preview in its form. */
    Locator preview() {
        return page.locator("[data-preview]");
    }
}
