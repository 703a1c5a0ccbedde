package dev.opscenter.ingress.rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.signature.StripeSignature;
import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhooks refused for their signature are answered 401 as before and kept as a sample per source and minute, with
 * why they failed and never their body; {@code GET /api/sources/{id}/rejections} lists them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectedWebhooksIT extends IngressIT {
    static final MutableClock CLOCK = new MutableClock();
    static final String GITHUB_SECRET = "rejections-github-secret";
    static final String STRIPE_SECRET = "whsec_rejections_stripe";
    static final String BODY = "{\"zen\":\"Design for failure.\"}";

    @Inject
    SourceRepository sources;

    long github;
    long stripe;

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("opscenter.webhooks.rejections.per-minute", "3");
    }

    @BeforeEach
    void sourcesWithoutRejections() throws SQLException {
        if (sources.findBySlug("gh").isEmpty()) {
            sources.insert("GitHub", "gh", SourceKind.GITHUB, GITHUB_SECRET, Map.of(), true);
            sources.insert("Stripe", "pay", SourceKind.STRIPE, STRIPE_SECRET, Map.of(), true);
        }
        github = sources.findBySlug("gh").orElseThrow().id();
        stripe = sources.findBySlug("pay").orElseThrow().id();
        sql("DELETE FROM rejected_webhooks");
        CLOCK.advance(Duration.ofMinutes(1)); // a fresh sampling minute for each test
    }

    private Reply github(String signature) {
        return client.post(
                "/api/webhooks/gh",
                BODY,
                signature == null
                        ? Map.of("X-GitHub-Event", "ping")
                        : Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", signature));
    }

    private List<Map<String, Object>> rejections(long source, String query) {
        Reply reply = client.admin("GET", "/api/sources/" + source + "/rejections" + query, null);
        assertEquals(200, reply.status(), reply.body());
        return items(reply);
    }

    @Test
    void aWrongSignatureIsStill401AndIsKeptWithTheHeaderSeenButNotTheBody() throws SQLException {
        String forged = GitHubSignature.sign("someone-else", BODY.getBytes(StandardCharsets.UTF_8));
        assertEquals(401, github(forged).status());
        assertEquals(0, count("SELECT count(*) FROM webhook_events"), "nothing stored as an event");

        Map<String, Object> kept = rejections(github, "").get(0);
        assertEquals("signature_mismatch", kept.get("reason"));
        assertEquals("github", kept.get("scheme"));
        assertEquals("X-Hub-Signature-256", kept.get("headerName"));
        assertEquals(forged, kept.get("headerValue"));
        assertNull(kept.get("skewSeconds"));
        assertEquals(BODY.length(), ((Number) kept.get("bodyBytes")).intValue());
        assertEquals(64, ((String) kept.get("bodySha256")).length());
        assertFalse(kept.toString().contains("Design for failure"), "the body is not kept: " + kept);
    }

    @Test
    void aMissingHeaderIsKeptAsMissing() {
        assertEquals(401, github(null).status());
        Map<String, Object> kept = rejections(github, "").get(0);
        assertEquals("missing_signature", kept.get("reason"));
        assertNull(kept.get("headerValue"));
    }

    @Test
    void aLongHeaderIsCut() {
        assertEquals(401, github("sha256=" + "a".repeat(5_000)).status());
        String seen = (String) rejections(github, "").get(0).get("headerValue");
        assertEquals(RejectedWebhooks.MAX_HEADER_CHARS + 1, seen.length(), "200 characters and an ellipsis");
    }

    @Test
    void aStaleStripeTimestampIsKeptWithItsSkew() {
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}".getBytes(StandardCharsets.UTF_8);
        String header =
                StripeSignature.sign(STRIPE_SECRET, body, CLOCK.instant().minus(Duration.ofMinutes(10)));
        Reply reply = client.post("/api/webhooks/pay", body, Map.of("Stripe-Signature", header));
        assertEquals(401, reply.status());

        Map<String, Object> kept = rejections(stripe, "").get(0);
        assertEquals("stale_timestamp", kept.get("reason"));
        long skew = ((Number) kept.get("skewSeconds")).longValue();
        assertTrue(skew >= 600 && skew <= 602, "signed ten minutes ago: " + skew);
    }

    @Test
    void beyondTheSampleTheRestAreCountedAndTheNextKeptRowSaysHowMany() {
        for (int i = 0; i < 7; i++) {
            assertEquals(401, github("sha256=" + i).status(), "every one is refused");
        }
        List<Map<String, Object>> kept = rejections(github, "");
        assertEquals(3, kept.size(), "3 kept in this minute");

        CLOCK.advance(Duration.ofMinutes(1));
        assertEquals(401, github("sha256=next").status());
        Map<String, Object> next = rejections(github, "").get(0);
        assertEquals("sha256=next", next.get("headerValue"));
        assertEquals(4, ((Number) next.get("unrecordedBefore")).intValue(), "the 4 not kept before it");
    }

    @Test
    void theListIsNewestFirstAndPagesBackwards() {
        for (int i = 0; i < 3; i++) {
            github("sha256=" + i);
        }
        Reply first = client.admin("GET", "/api/sources/" + github + "/rejections?limit=2", null);
        Map<String, Object> page = map(first);
        List<Map<String, Object>> items = items(first);
        assertEquals(
                List.of("sha256=2", "sha256=1"),
                items.stream().map(m -> m.get("headerValue")).toList());
        long before = ((Number) page.get("nextBefore")).longValue();
        assertEquals(
                List.of("sha256=0"),
                rejections(github, "?limit=2&before=" + before).stream()
                        .map(m -> m.get("headerValue"))
                        .toList());
    }

    @Test
    void anUnknownSourceIs404AndTheListNeedsTheAdminToken() {
        assertEquals(
                404, client.admin("GET", "/api/sources/987654/rejections", null).status());
        assertEquals(
                401,
                client.get("/api/sources/" + github + "/rejections", Map.of()).status());
    }
}
