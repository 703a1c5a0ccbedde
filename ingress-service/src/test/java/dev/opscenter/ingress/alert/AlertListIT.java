package dev.opscenter.ingress.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The alert list's filters and keyset paging against real PostgreSQL: every filter narrows, they combine, the text
 * search takes its input literally, paging under a filter reaches the oldest alert once each, and bad values are one
 * problem naming each field.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertListIT extends IngressIT {
    long ci;
    long shop;

    @BeforeEach
    void sources() {
        if (ci == 0) {
            ci = source("ci-list");
            shop = source("shop-list");
        }
    }

    private long source(String slug) {
        Reply created = client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"" + slug + "\",\"slug\":\"" + slug
                        + "\",\"kind\":\"github\",\"secret\":\"list-webhook-secret-1\"}");
        assertEquals(201, created.status(), created.body());
        return id(map(created));
    }

    /** {@code n} alerts of one source, each with its own event, oldest first; returns the last id. */
    private long alerts(
            long source, int n, String type, String title, String message, String severity, String createdAt)
            throws SQLException {
        sql("""
                WITH e AS (INSERT INTO webhook_events (source_id, event_type, raw_body)
                           SELECT %d, '%s', ''::bytea FROM generate_series(1, %d) RETURNING id)
                INSERT INTO alerts (event_id, source_id, event_type, title, message, severity, created_at)
                SELECT id, %d, '%s', '%s', '%s', '%s', %s FROM e ORDER BY id""".formatted(source, type, n, source, type, title, message, severity, createdAt));
        return count("SELECT max(id) FROM alerts");
    }

    private long alert(long source, String type, String title, String message, String severity) throws SQLException {
        return alerts(source, 1, type, title, message, severity, "now()");
    }

    private List<Long> ids(String query) {
        Reply reply = client.admin("GET", "/api/alerts?" + query, null);
        assertEquals(200, reply.status(), reply.body());
        return items(reply).stream()
                .map(a -> ((Number) a.get("id")).longValue())
                .toList();
    }

    /** The ids from first to last: other tests of the class add alerts of their own to the same table. */
    private static List<Long> between(List<Long> ids, long first, long last) {
        return ids.stream().filter(id -> id >= first && id <= last).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void sourceTypeAndSeveritiesNarrowAndCombine() throws SQLException {
        long build = alert(ci, "workflow_run", "Build broke", "main is red", "error");
        long deploy = alert(ci, "deployment", "Deploy failed", "prod", "critical");
        long payment = alert(shop, "charge.failed", "Payment failed", "card declined", "critical");
        long info = alert(shop, "charge.succeeded", "Payment ok", "fine", "info");

        assertEquals(List.of(deploy, build), between(ids("source=ci-list"), build, info));
        assertEquals(List.of(payment), between(ids("type=charge.failed"), build, info));
        assertEquals(List.of(payment, deploy), between(ids("severity=critical&q=failed"), build, info));
        assertEquals(
                List.of(payment, deploy, build),
                between(ids("severity=critical,error"), build, info),
                "comma-separated severities");
        assertEquals(
                List.of(payment, deploy, build),
                between(ids("severity=critical&severity=error"), build, info),
                "repeated severities");
        assertEquals(List.of(deploy), between(ids("source=ci-list&severity=critical"), build, info));
        assertEquals(List.of(info), ids("source=shop-list&severity=info"));
        assertEquals(List.of(), ids("source=nobody"));
    }

    @Test
    void stateAndReadNarrowTooAndAnEmptyValueDoesNot() throws SQLException {
        long open = alert(ci, "triage-read", "Open one", "m", "warning");
        long acked = alert(ci, "triage-read", "Acked one", "m", "warning");
        sql("UPDATE alerts SET state = 'acknowledged', is_read = true WHERE id = " + acked);

        assertEquals(List.of(acked), ids("type=triage-read&state=acknowledged"));
        assertEquals(List.of(open), ids("type=triage-read&read=false"));
        assertEquals(List.of(acked, open), ids("type=triage-read&state=&severity=&q=&from="), "empty is no filter");
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() throws SQLException {
        long early = alerts(ci, 1, "ranged", "Early", "m", "info", "'2026-01-01T10:00:00Z'");
        long middle = alerts(ci, 1, "ranged", "Middle", "m", "info", "'2026-01-01T11:00:00Z'");
        alerts(ci, 1, "ranged", "Late", "m", "info", "'2026-01-01T12:00:00Z'");

        assertEquals(List.of(middle, early), ids("type=ranged&from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z"));
        assertEquals(
                List.of(middle),
                ids("type=ranged&from=" + encode("2026-01-01T10:30:00+00:00") + "&to=2026-01-01T11:30:00Z"),
                "an offset is accepted");
    }

    @Test
    void textSearchIsCaseInsensitiveOverTitleAndMessageAndTakesItsInputLiterally() throws SQLException {
        long percent = alert(shop, "text", "Disk 100% full", "on db-1", "warning");
        long digits = alert(shop, "text", "Disk 1000 blocks", "on db_2", "warning");
        long message = alert(shop, "text", "Quota", "DISK nearly full", "warning");

        assertEquals(List.of(message, digits, percent), ids("type=text&q=disk"));
        assertEquals(List.of(percent), ids("type=text&q=" + encode("0%")), "% is a character, not a wildcard");
        assertEquals(List.of(digits), ids("type=text&q=" + encode("db_")), "_ likewise");
        assertEquals(List.of(), ids("type=text&q=" + encode("' OR '1'='1")), "quotes are text");
        assertEquals(List.of(), ids("type=text&q=" + encode("\\")), "a backslash is text");
    }

    @Test
    void pagingUnderAFilterReachesTheOldestAlertOnceEach() throws SQLException {
        long last = alerts(ci, 130, "paged", "Flaky test", "m", "error", "now()");
        alerts(ci, 20, "paged", "Noise", "m", "info", "now()");

        List<Long> seen = new ArrayList<>();
        Long before = null;
        int pages = 0;
        do {
            Reply page = client.admin(
                    "GET",
                    "/api/alerts?type=paged&severity=error&limit=50" + (before == null ? "" : "&before=" + before),
                    null);
            Map<String, Object> body = map(page);
            items(page).forEach(a -> seen.add(((Number) a.get("id")).longValue()));
            before = body.get("nextBefore") == null ? null : ((Number) body.get("nextBefore")).longValue();
            pages++;
        } while (before != null && pages < 10);

        assertEquals(130, seen.size(), "every error alert of the type, the noise left out");
        assertEquals(130, new HashSet<>(seen).size(), "none twice");
        assertEquals(last, seen.get(0), "newest first");
        assertEquals(last - 129, seen.get(seen.size() - 1), "down to the oldest");
        assertTrue(pages <= 4, "three full pages and at most one empty one: " + pages);
    }

    @Test
    void badValuesAreOneProblemNamingEachField() {
        Reply reply = client.admin(
                "GET", "/api/alerts?severity=critical,urgent&state=closed&from=yesterday&q=" + "x".repeat(201), null);
        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(List.of("severity", "state", "from", "q"), client.invalidFields(reply));

        Reply backwards = client.admin("GET", "/api/alerts?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null);
        assertEquals(List.of("to"), client.invalidFields(backwards));

        Reply notANumber = client.admin("GET", "/api/alerts?before=abc", null);
        assertEquals(400, notANumber.status(), notANumber.body());
        assertTrue(notANumber.contentType().startsWith("application/problem+json"), notANumber.contentType());
        assertNotNull(map(notANumber).get("detail"));
    }
}
