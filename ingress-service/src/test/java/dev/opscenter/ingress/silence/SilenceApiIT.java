package dev.opscenter.ingress.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/silences} against real PostgreSQL: create, validation, list by state, edit, expire, auth. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilenceApiIT extends IngressIT {

    private Reply create(String body) {
        return client.admin("POST", "/api/silences", body);
    }

    private static String inAnHour() {
        return Instant.now().plus(Duration.ofHours(1)).toString();
    }

    private List<Object> ids(String state) {
        return items(client.admin("GET", "/api/silences" + (state == null ? "" : "?state=" + state), null)).stream()
                .map(m -> (Object) ((Number) m.get("id")).longValue())
                .toList();
    }

    @Test
    void aSilenceIsCreatedWithItsAuthorAndStartsNowByDefault() {
        Reply created =
                create("{\"eventType\":\"workflow_*\",\"severities\":[\"ERROR\"],\"comment\":\"deploy\",\"endsAt\":\""
                        + inAnHour() + "\"}");
        assertEquals(201, created.status(), created.body());
        Map<String, Object> silence = map(created);
        assertEquals("admin token", silence.get("createdBy"));
        assertEquals(List.of("error"), silence.get("severities"), "kept in wire form");
        Instant startsAt = Instant.parse((String) silence.get("startsAt"));
        assertTrue(Duration.between(startsAt, Instant.now()).abs().toSeconds() < 30, "starts now: " + startsAt);
        assertTrue(ids(null).contains(id(silence)), "listed as current");
        assertTrue(ids("active").contains(id(silence)));
    }

    @Test
    void everyProblemOfABodyIsReportedInOne422() {
        Reply refused = create("{\"severities\":[\"loud\"],\"endsAt\":\"2020-01-01T00:00:00Z\"}");
        assertEquals(422, refused.status(), refused.body());
        assertEquals(List.of("severities", "comment", "endsAt"), client.invalidFields(refused));
        Reply nothingMatched = create("{\"comment\":\"c\",\"endsAt\":\"" + inAnHour() + "\"}");
        assertEquals(List.of("source"), client.invalidFields(nothingMatched), "at least one matcher");
    }

    @Test
    void aPendingSilenceIsListedAsPendingNotActive() {
        Map<String, Object> later = map(create("{\"source\":\"gh\",\"comment\":\"night\",\"startsAt\":\""
                + Instant.now().plus(Duration.ofMinutes(30)) + "\",\"endsAt\":\"" + inAnHour() + "\"}"));
        assertTrue(ids("pending").contains(id(later)));
        assertFalse(ids("active").contains(id(later)));
    }

    @Test
    void expiringEndsItNowAndAnExpiredSilenceCannotBeEdited() {
        Map<String, Object> silence =
                map(create("{\"text\":\"disk\",\"comment\":\"known\",\"endsAt\":\"" + inAnHour() + "\"}"));
        long id = id(silence);
        Reply expired = client.admin("POST", "/api/silences/" + id + "/expire", null);
        assertEquals(200, expired.status(), expired.body());
        assertTrue(ids("expired").contains(id));
        assertFalse(ids(null).contains(id), "no longer current");

        Reply edit = client.admin(
                "PUT",
                "/api/silences/" + id,
                "{\"text\":\"disk\",\"comment\":\"again\",\"endsAt\":\"" + inAnHour() + "\"}");
        assertEquals(409, edit.status());
    }

    @Test
    void aPendingSilenceExpiredBeforeItStartsNeverComesIntoForce() {
        Map<String, Object> later = map(create("{\"source\":\"gh\",\"comment\":\"night\",\"startsAt\":\""
                + Instant.now().plus(Duration.ofMinutes(30)) + "\",\"endsAt\":\"" + inAnHour() + "\"}"));
        long id = id(later);
        Reply expired = client.admin("POST", "/api/silences/" + id + "/expire", null);
        assertEquals(200, expired.status(), expired.body());
        Map<String, Object> after = map(expired);
        assertEquals(after.get("startsAt"), after.get("endsAt"), "an empty window");
        assertTrue(ids("expired").contains(id));
        assertFalse(ids("pending").contains(id));
        assertFalse(ids("active").contains(id));
    }

    @Test
    void anActiveSilenceCanBeEditedAndKeepsItsStart() {
        Map<String, Object> silence =
                map(create("{\"text\":\"disk\",\"comment\":\"known\",\"endsAt\":\"" + inAnHour() + "\"}"));
        // PostgreSQL keeps microseconds
        String twoHours = Instant.now()
                .plus(Duration.ofHours(2))
                .truncatedTo(ChronoUnit.MICROS)
                .toString();
        Reply edited = client.admin(
                "PUT",
                "/api/silences/" + id(silence),
                "{\"text\":\"disk full\",\"comment\":\"longer\",\"endsAt\":\"" + twoHours + "\"}");
        assertEquals(200, edited.status(), edited.body());
        Map<String, Object> after = map(edited);
        assertEquals("disk full", after.get("text"));
        assertEquals(silence.get("startsAt"), after.get("startsAt"));
        assertEquals(Instant.parse(twoHours), Instant.parse((String) after.get("endsAt")));
    }

    @Test
    void unknownIs404UnknownStateIs422AndEveryRouteNeedsTheAdminToken() {
        assertEquals(404, client.admin("GET", "/api/silences/987654", null).status());
        assertEquals(
                422, client.admin("GET", "/api/silences?state=forever", null).status());
        assertEquals(401, client.get("/api/silences", Map.of()).status());
        assertEquals(401, client.post("/api/silences", "{}", Map.of()).status());
    }
}
