package dev.opscenter.e2e.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;

/** The console's Audit log page (audit-page.js): entries newest first, each with its changed fields. */
final class AuditLog {
    private final Page page;

    AuditLog(Page page) {
        this.page = page;
    }

    Locator section() {
        return page.locator("#audit");
    }

    void refresh() {
        page.locator("[data-audit-refresh]").click();
    }

    /** The entries of this action (created, updated, deleted…), newest first. */
    Locator entries(String action) {
        return page.locator("#audit-list li[data-action='" + action + "']");
    }

    /** The action of every entry, newest first. */
    List<String> actions() {
        return new DashboardPage(page).attributes("#audit-list li.audit-entry", "data-action");
    }

    /** The entry's sentence: who did what to which item. */
    Locator line(Locator entry) {
        return entry.locator(".audit-line");
    }

    /** Unfolds the entry's changed fields. */
    void openChanges(Locator entry) {
        entry.locator(".audit-changes summary").click();
    }

    /** The row of a changed field in the entry's diff (before and after). */
    Locator diffRow(Locator entry, String field) {
        return entry.locator(".audit-diff tr[data-field='" + field + "']");
    }

    /** A changed field's value before the change, and after it. */
    String before(Locator diffRow) {
        return diffRow.locator(".audit-before").innerText();
    }

    String after(Locator diffRow) {
        return diffRow.locator(".audit-after").innerText();
    }
}
