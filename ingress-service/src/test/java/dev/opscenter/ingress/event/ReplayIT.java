package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.signature.GenericSignature;
import dev.opscenter.common.signature.SignedTimestamp;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Replays: a body seen within its source's dedupe window is the first event again; a signed timestamp bounds age. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT extends IngressIT {
    private static final String SECRET = "replay-test-secret-0123";
    private static final GenericSignature TIMESTAMPED = new GenericSignature(
            "X-Signature",
            Hmac.SHA256,
            GenericSignature.Encoding.HEX,
            "",
            new SignedTimestamp("X-Timestamp", "{timestamp}.{body}", Duration.ofMinutes(5)));

    @Inject
    SourceRepository sources;

    @BeforeAll
    void sources() {
        sources.insert("GitHub window", "gh-window", SourceKind.GITHUB, SECRET, Map.of("dedupeWindow", 3600), true);
        sources.insert("GitHub", "gh-plain", SourceKind.GITHUB, SECRET, Map.of(), true);
        sources.insert("Generic window", "gen-window", SourceKind.GENERIC, SECRET, Map.of("dedupeWindow", 600), true);
        sources.insert(
                "Generic timestamped",
                "gen-ts",
                SourceKind.GENERIC,
                SECRET,
                Map.of("timestampHeader", "X-Timestamp"),
                true);
    }

    private static String body() {
        return "{\"action\":\"completed\",\"run\":\"" + UUID.randomUUID() + "\"}";
    }

    private Reply github(String slug, String body, String delivery) {
        return client.github(slug, SECRET, "workflow_run", delivery, body);
    }

    private Reply generic(String slug, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return client.post("/api/webhooks/" + slug, body, all);
    }

    @Test
    void githubReplayWithANewDeliveryIdIsTheFirstEvent() {
        String body = body();
        Reply first = github("gh-window", body, UUID.randomUUID().toString());

        Reply replay = github("gh-window", body, UUID.randomUUID().toString());

        assertEquals(202, first.status(), first.body());
        assertEquals(200, replay.status(), replay.body());
        assertEquals(Map.of("id", map(first).get("id"), "duplicate", true), map(replay));
    }

    @Test
    void genericBodyWithoutAnIdIsDeduplicatedWithinTheWindow() {
        String body = body();
        String signature =
                new GenericSignature(null, null, null, null).sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
        Reply first = generic("gen-window", body, Map.of("X-Signature", signature));

        Reply replay = generic("gen-window", body, Map.of("X-Signature", signature));

        assertEquals(202, first.status(), first.body());
        assertEquals(Map.of("id", map(first).get("id"), "duplicate", true), map(replay));
    }

    @Test
    void sameBodyAfterTheWindowIsANewEvent() throws SQLException {
        String body = body();
        long first = id(map(github("gh-window", body, UUID.randomUUID().toString())));
        sql("UPDATE webhook_events SET received_at = now() - interval '2 hours' WHERE id = " + first);

        Reply later = github("gh-window", body, UUID.randomUUID().toString());

        assertEquals(202, later.status(), later.body());
        assertNotEquals(first, id(map(later)));
    }

    @Test
    void sameBodyIsANewEventWhenTheSourceKeepsNoWindow() {
        String body = body();
        github("gh-plain", body, UUID.randomUUID().toString());

        assertEquals(202, github("gh-plain", body, UUID.randomUUID().toString()).status());
    }

    @Test
    void freshSignedTimestampIsAccepted() {
        String body = body();
        Instant now = Instant.now();

        Reply reply = generic(
                "gen-ts",
                body,
                Map.of(
                        "X-Timestamp",
                        Long.toString(now.getEpochSecond()),
                        "X-Signature",
                        TIMESTAMPED.sign(SECRET, body.getBytes(StandardCharsets.UTF_8), now)));

        assertEquals(202, reply.status(), reply.body());
    }

    @Test
    void staleSignedTimestampIsRefused() {
        String body = body();
        Instant capturedAt = Instant.now().minus(Duration.ofHours(1));

        Reply reply = generic(
                "gen-ts",
                body,
                Map.of(
                        "X-Timestamp",
                        Long.toString(capturedAt.getEpochSecond()),
                        "X-Signature",
                        TIMESTAMPED.sign(SECRET, body.getBytes(StandardCharsets.UTF_8), capturedAt)));

        assertEquals(401, reply.status(), reply.body());
    }

    @Test
    void bodyOnlySignatureIsRefusedWhenTheSourceSignsATimestamp() {
        String body = body();
        String bodyOnly =
                new GenericSignature(null, null, null, null).sign(SECRET, body.getBytes(StandardCharsets.UTF_8));

        Reply reply = generic(
                "gen-ts",
                body,
                Map.of("X-Timestamp", Long.toString(Instant.now().getEpochSecond()), "X-Signature", bodyOnly));

        assertEquals(401, reply.status(), reply.body());
    }
}
