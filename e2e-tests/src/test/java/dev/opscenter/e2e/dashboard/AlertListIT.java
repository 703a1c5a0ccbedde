package dev.opscenter.e2e.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.e2e.platform.Platform;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert list in Chromium: filters kept in the address (a reload shows the same list), "Load more" back to an old
 * alert under a filter, the critical count card opening the open criticals, the favicon counting them, grouped repeats,
 * and the filter bar at phone width. Alerts are written straight to the database (as the worker would, already
 * published) so a test needs no more than a page's worth of webhooks.
 */
class AlertListIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Platform.buildDir().resolve("e2e-screenshots");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    /** {@code n} alerts of one kind, oldest first, each with its own event of the first seeded source. */
    private static void alerts(int n, String type, String title, String severity, String state) throws SQLException {
        try (Connection c = PLATFORM.environment().connection();
                Statement s = c.createStatement()) {
            long source;
            try (ResultSet r = s.executeQuery("SELECT min(id) FROM webhook_sources WHERE deleted_at IS NULL")) {
                r.next();
                source = r.getLong(1);
            }
            s.execute("""
                    WITH e AS (INSERT INTO webhook_events (source_id, event_type, raw_body, status)
                               SELECT %d, '%s', ''::bytea, 'processed' FROM generate_series(1, %d) RETURNING id)
                    INSERT INTO alerts (event_id, source_id, event_type, title, message, severity, state, published_at)
                    SELECT id, %d, '%s', '%s', 'from the list test', '%s', '%s', now() FROM e ORDER BY id""".formatted(source, type, n, source, type, title, severity, state));
        }
    }

    private DashboardPage signedIn() {
        DashboardPage page = new DashboardPage(BROWSER.page());
        page.open(PLATFORM.platform().ingress());
        page.signIn();
        return page;
    }

    @Test
    void filtersAndLoadMoreReachAnOldAlertAndAReloadKeepsThem() throws SQLException {
        alerts(1, "disk", "Disk full on db-7", "error", "open");
        alerts(120, "disk", "Disk check flapping", "error", "open");
        alerts(60, "disk", "Disk fine", "info", "open");
        DashboardPage page = signedIn();
        AlertListPage list = new AlertListPage(BROWSER.page());

        list.toggleSeverity("error");
        list.search("q", "disk");
        list.await(
                "only error rows",
                list::severities,
                s -> s.size() == 50 && s.stream().allMatch("error"::equals));
        assertFalse(list.titles().contains("Disk full on db-7"), "the old alert is not on the first page");
        assertTrue(list.search().contains("severity=error") && list.search().contains("q=disk"), list.search());

        BROWSER.page().reload();
        page.signIn();
        list.await("the same list after a reload", list::severities, s -> s.size() == 50);
        assertTrue(list.severityChecked("error"), "the severity box is checked again");
        assertEquals("disk", list.field("q"));
        assertTrue(list.severities().stream().allMatch("error"::equals), "still filtered");

        for (int i = 0; i < 3 && !list.titles().contains("Disk full on db-7"); i++) {
            list.loadMore();
        }
        assertEquals("Disk full on db-7", list.titles().get(list.titles().size() - 1), "the oldest, last");
        assertEquals(121, list.titles().size(), "every matching alert once");
        assertFalse(list.moreOffered(), "nothing older to load");
        list.scrollToList();
        BROWSER.screenshot(SCREENSHOTS.resolve("alert-list-filtered.png"));
        assertTrue(list.severities().stream().allMatch("error"::equals), "older pages are filtered too");
    }

    @Test
    void theCriticalCardOpensTheOpenCriticalsWhichLiveAlertsJoinOnlyIfTheyMatch() throws SQLException {
        alerts(2, "page", "Database down", "critical", "open");
        alerts(1, "page", "Database was down", "critical", "acknowledged");
        alerts(1, "page", "Slow query", "error", "open");
        DashboardPage page = signedIn();
        page.awaitLive();
        AlertListPage list = new AlertListPage(BROWSER.page());

        list.openCriticalCard();
        list.await("open criticals only", list::titles, t -> !t.isEmpty() && t.contains("Database down"));
        assertTrue(
                list.severities().stream().allMatch("critical"::equals),
                list.severities().toString());
        assertTrue(
                list.states().stream().allMatch("open"::equals), list.states().toString());
        assertFalse(list.titles().contains("Database was down"), "acknowledged is not open");
        assertTrue(list.severityChecked("critical"));
        assertEquals("open", list.field("state"));
        assertEquals("?severity=critical&state=open", list.search());

        // live: a failed workflow run (not critical) first, then a dispute (critical); only the dispute joins the list
        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        HttpResponse<String> run = webhooks.github("workflow_run", Webhooks.failedWorkflowRun());
        assertEquals(202, run.statusCode(), run.body());
        long runEvent = Webhooks.json(run.body()).path("id").asLong();
        HttpResponse<String> dispute = webhooks.stripe(Webhooks.fixture("stripe/charge.dispute.created.json"));
        assertEquals(202, dispute.statusCode(), dispute.body());
        page.awaitAlertFor(Webhooks.json(dispute.body()).path("id").asLong(), DELIVERY);
        list.await(
                "the run's alert stored",
                () -> webhooks.admin("/api/alerts?type=workflow_run&limit=200").body(),
                body -> body.contains("\"eventId\":" + runEvent + ","));
        assertFalse(
                page.feedEventIds().contains(Long.toString(runEvent)), "a live alert that does not match stays out");
        assertTrue(
                list.severities().stream().allMatch("critical"::equals),
                list.severities().toString());

        long open = list.titles().size();
        list.await("the favicon counts the open criticals", list::faviconCount, Long.toString(open)::equals);
        assertTrue(list.faviconHref().startsWith("data:image/svg+xml,"), list.faviconHref());
    }

    @Test
    void groupRepeatsShowsHowManyAndOpensThem() throws SQLException {
        alerts(5, "workflow_run", "CI failed on main", "error", "open");
        signedIn();
        AlertListPage list = new AlertListPage(BROWSER.page());

        list.toggleGrouping();
        list.await("a group of five", list::groupLabels, labels -> labels.contains("CI failed on main ×5"));
        assertTrue(list.search().contains("group=24h"), list.search());

        list.showGroup("CI failed on main ×5");
        list.await("the group's alerts", list::titles, t -> t.size() == 5);
        assertTrue(
                list.titles().stream().allMatch("CI failed on main"::equals),
                list.titles().toString());
    }

    @Test
    void theFilterBarFitsAPhone() throws SQLException {
        alerts(3, "phone", "A rather long alert title that has to wrap on a phone screen", "warning", "open");
        DashboardPage page = signedIn();
        AlertListPage list = new AlertListPage(BROWSER.page());
        list.await("rows", list::titles, t -> !t.isEmpty());

        BROWSER.phone(390, 844);
        try {
            assertEquals(0, page.sidewaysOverflow(), "the page scrolls sideways at 390 px");
            assertEquals(List.of(), list.smallTouchTargets(), "controls under 44 px");
            list.scrollToList();
            BROWSER.screenshot(SCREENSHOTS.resolve("alert-list-phone.png"));
            list.toggleGrouping();
            list.await("groups", list::groupLabels, labels -> !labels.isEmpty());
            assertEquals(0, page.sidewaysOverflow(), "grouped, the page scrolls sideways at 390 px");
            assertEquals(List.of(), list.smallTouchTargets(), "grouped, controls under 44 px");
            list.scrollToList();
            BROWSER.screenshot(SCREENSHOTS.resolve("alert-groups-phone.png"));
        } finally {
            BROWSER.desktop();
        }
    }
}
