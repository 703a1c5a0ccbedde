package dev.opscenter.e2e.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The console's toasts (toast.js): pushed by console channels, dismissable from the keyboard. */
final class Toasts {
    private final Page page;

    Toasts(Page page) {
        this.page = page;
    }

    Locator all() {
        return page.locator(".toasts .toast");
    }

    /** The toast announced as status (the page shows one at a time here). */
    Locator status() {
        return page.locator(".toasts .toast[role='status']");
    }

    Locator title(Locator toast) {
        return toast.locator(".toast-title");
    }

    Locator closeButton(Locator toast) {
        return toast.locator("button.toast-close");
    }
}
