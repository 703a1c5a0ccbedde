package dev.opscenter.e2e.dashboard;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.opscenter.e2e.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A headless Debian Chromium for a test class, driven by Playwright for Java, whose driver is playwright-core on the
 * Node its driver bundle carries: {@code @RegisterExtension static final BrowserExtension BROWSER = new
 * BrowserExtension();}. Each test gets a fresh context and page at the desktop size; a failed test leaves a screenshot
 * of its page under target/e2e-failures/ and prints the page's console errors. No browser is ever downloaded: the
 * system's binary is launched by path.
 */
final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final Path CHROMIUM = Path.of(System.getProperty("opscenter.e2e.chromium", "/usr/bin/chromium"));
    private static final int WIDTH = 1366;
    private static final int HEIGHT = 900;
    /** How long a locator, or an assertion on one, waits for the page before the test fails. */
    private static final double UI_TIMEOUT_MS = 20_000;
    /** The network is closed: anything Chromium would fetch for itself only fills the log with refused connections. */
    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-quic");

    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;
    private Page page;
    private CDPSession cdp;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<String> uncaught = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext extension) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(
                    CHROMIUM + " is missing; the dashboard tests need a local Chromium: apt-get install -y chromium");
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(UI_TIMEOUT_MS);
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(ARGS));
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        consoleErrors.clear();
        uncaught.clear();
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(WIDTH, HEIGHT));
        context.setDefaultTimeout(UI_TIMEOUT_MS);
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                synchronized (consoleErrors) {
                    consoleErrors.add(message.text());
                }
            }
        });
        page.onPageError(error -> {
            synchronized (consoleErrors) {
                uncaught.add(error);
                consoleErrors.add("Uncaught " + error);
            }
        });
        cdp = null;
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        try {
            if (extension.getExecutionException().isPresent() && page != null) {
                Path shot = Platform.buildDir()
                        .resolve("e2e-failures")
                        .resolve(extension.getRequiredTestClass().getSimpleName())
                        .resolve(extension.getRequiredTestMethod().getName() + ".png");
                page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
                System.err.println(
                        "Screenshot of the failed test's page: " + shot + "; its console errors: " + consoleErrors());
            }
        } finally {
            if (context != null) {
                context.close();
            }
            context = null;
            page = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        if (playwright != null) {
            playwright.close(); // closes the browser too
        }
    }

    /** The test's page, signed out and at the desktop size when the test starts. */
    Page page() {
        return page;
    }

    BrowserContext context() {
        return context;
    }

    /** Errors the page logged to its console and uncaught script errors (as "Uncaught …"), since the test began. */
    List<String> consoleErrors() {
        synchronized (consoleErrors) {
            return List.copyOf(consoleErrors);
        }
    }

    /** Uncaught script errors on the page since the test began. */
    List<String> uncaughtErrors() {
        synchronized (consoleErrors) {
            return List.copyOf(uncaught);
        }
    }

    /** Lays the page out as on a phone of this size (CSS pixels, mobile metrics) until {@link #desktop()}. */
    void phone(int width, int height) {
        page.setViewportSize(width, height);
        if (cdp == null) {
            cdp = context.newCDPSession(page);
        }
        JsonObject metrics = new JsonObject();
        metrics.addProperty("width", width);
        metrics.addProperty("height", height);
        metrics.addProperty("deviceScaleFactor", 1);
        metrics.addProperty("mobile", true);
        cdp.send("Emulation.setDeviceMetricsOverride", metrics);
    }

    /** Back to the desktop window (1366×900). */
    void desktop() {
        page.setViewportSize(WIDTH, HEIGHT);
    }

    void screenshot(Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
    }
}
