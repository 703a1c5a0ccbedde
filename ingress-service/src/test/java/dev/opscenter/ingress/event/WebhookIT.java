package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.StripeSignature;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.lettuce.core.Range;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The webhook endpoint against real PostgreSQL and Redis: what is accepted, what is refused, and what is stored. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIT extends IngressIT {
    static final String GITHUB_SECRET = "gh-secret-for-tests";
    static final String STRIPE_SECRET = "whsec_stripe_for_tests";
    static final String STANDARD_SECRET = "whsec_"
            + java.util.Base64.getEncoder()
                    .encodeToString("standard-webhooks-test-key-32byt".getBytes(StandardCharsets.UTF_8));
    static final String GENERIC_SECRET = "generic-secret-for-tests";

    @Inject
    SourceRepository sources;

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("micronaut.server.max-request-size", "65536");
    }

    @BeforeEach
    void setUp() throws SQLException {
        if (sources.findBySlug("gh").isEmpty()) {
            sources.insert("GitHub", "gh", SourceKind.GITHUB, GITHUB_SECRET, Map.of(), true);
            sources.insert("Stripe", "pay", SourceKind.STRIPE, STRIPE_SECRET, Map.of(), true);
            sources.insert("Std", "std", SourceKind.STANDARD, STANDARD_SECRET, Map.of(), true);
            sources.insert(
                    "Generic",
                    "gen",
                    SourceKind.GENERIC,
                    GENERIC_SECRET,
                    Map.of("header", "X-Hub-Sig", "algorithm", "sha512", "encoding", "base64", "prefix", "sha512="),
                    true);
            sources.insert("Off", "off", SourceKind.GITHUB, GITHUB_SECRET, Map.of(), false);
        }
        sql("TRUNCATE alerts, webhook_events CASCADE");
        redis.sync().del(keys.events());
    }

    private static final String PUSH = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"octo/repo\"}}";

    private Reply github(String body, String delivery) {
        return client.post(
                "/api/webhooks/gh",
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-GitHub-Event",
                        "push",
                        "X-GitHub-Delivery",
                        delivery,
                        "X-Hub-Signature-256",
                        GitHubSignature.sign(GITHUB_SECRET, body.getBytes(StandardCharsets.UTF_8))));
    }

    private void assertProblem(Reply reply, int status) throws SQLException {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        assertEquals(status, ((Number) map(reply).get("status")).intValue());
        assertEquals(0, count("SELECT count(*) FROM webhook_events"), "a refused webhook must store nothing");
        assertEquals(0, redis.sync().xlen(keys.events()), "a refused webhook must enqueue nothing");
    }

    @Test
    void acceptedWebhookIsCommittedWithRawBodyAndEnqueued() throws SQLException {
        String body = "{ \"ref\" : \"refs/heads/main\",\n \"repository\": {\"full_name\": \"octo/repo\"} }";
        Reply reply = github(body, "delivery-1");

        assertEquals(202, reply.status(), reply.body());
        Map<String, Object> answer = map(reply);
        assertEquals("accepted", answer.get("status"));
        long id = ((Number) answer.get("id")).longValue();
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM webhook_events WHERE id = " + id)) {
            assertTrue(r.next());
            assertEquals("pending", r.getString("status"));
            assertEquals("push", r.getString("event_type"));
            assertEquals("delivery-1", r.getString("delivery_id"));
            assertEquals(body, new String(r.getBytes("raw_body"), StandardCharsets.UTF_8), "raw bytes kept exactly");
            assertTrue(r.getBoolean("body_is_json"), "the raw body is the JSON payload");
            assertNull(r.getString("payload"), "not stored twice");
            assertTrue(r.getString("headers").contains("x-github-delivery"));
            assertTrue(r.getString("signature").startsWith("sha256="));
            assertTrue(r.getString("client_ip").contains("127.0.0.1"));
        }
        // enqueued by a background sender, off the request path
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.sync().xlen(keys.events()) > 0);
        var entries = redis.sync().xrange(keys.events(), Range.create("-", "+"));
        assertEquals(1, entries.size());
        assertEquals(Long.toString(id), entries.get(0).getBody().get(RedisKeys.EVENT_ID_FIELD));
    }

    @Test
    void duplicateDeliveryReturnsFirstId() throws SQLException {
        long first = ((Number) map(github(PUSH, "same-delivery")).get("id")).longValue();
        Reply again = github(PUSH, "same-delivery");

        assertEquals(200, again.status());
        assertEquals(Map.of("id", (int) first, "duplicate", true), map(again));
        assertEquals(1, count("SELECT count(*) FROM webhook_events"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.sync().xlen(keys.events()) > 0); // the first, enqueued off the request path
        assertEquals(1, redis.sync().xlen(keys.events()), "a duplicate is not enqueued again");
    }

    @Test
    void unknownSourceIs404() throws SQLException {
        assertProblem(client.post("/api/webhooks/nope", PUSH, Map.of()), 404);
    }

    @Test
    void disabledSourceIs403() throws SQLException {
        assertProblem(
                client.post(
                        "/api/webhooks/off",
                        PUSH,
                        Map.of(
                                "X-Hub-Signature-256",
                                GitHubSignature.sign(GITHUB_SECRET, PUSH.getBytes(StandardCharsets.UTF_8)))),
                403);
    }

    @Test
    void missingSignatureIs401() throws SQLException {
        assertProblem(client.post("/api/webhooks/gh", PUSH, Map.of("X-GitHub-Event", "push")), 401);
    }

    @Test
    void badSignatureIs401() throws SQLException {
        assertProblem(
                client.post(
                        "/api/webhooks/gh",
                        PUSH,
                        Map.of(
                                "X-Hub-Signature-256",
                                GitHubSignature.sign("another-secret", PUSH.getBytes(StandardCharsets.UTF_8)))),
                401);
    }

    @Test
    void signatureOverDifferentBytesIs401() throws SQLException {
        // the same JSON re-serialized is not the same bytes: verification is over the raw body
        String reformatted = PUSH.replace(",", ", ");
        assertProblem(
                client.post(
                        "/api/webhooks/gh",
                        reformatted,
                        Map.of(
                                "X-Hub-Signature-256",
                                GitHubSignature.sign(GITHUB_SECRET, PUSH.getBytes(StandardCharsets.UTF_8)))),
                401);
    }

    @Test
    void staleStripeTimestampIs401() throws SQLException {
        String body = "{\"id\":\"evt_1\",\"type\":\"charge.failed\",\"data\":{\"object\":{}}}";
        String header = StripeSignature.sign(
                STRIPE_SECRET,
                body.getBytes(StandardCharsets.UTF_8),
                Instant.now().minusSeconds(301));
        assertProblem(client.post("/api/webhooks/pay", body, Map.of("Stripe-Signature", header)), 401);
    }

    @Test
    void staleStandardTimestampIs401() throws SQLException {
        byte[] body = "{\"type\":\"deploy.failed\"}".getBytes(StandardCharsets.UTF_8);
        Instant stale = Instant.now().minusSeconds(400);
        assertProblem(
                client.post(
                        "/api/webhooks/std",
                        body,
                        Map.of(
                                "webhook-id",
                                "msg_1",
                                "webhook-timestamp",
                                Long.toString(stale.getEpochSecond()),
                                "webhook-signature",
                                StandardWebhooks.sign(STANDARD_SECRET, "msg_1", stale, body))),
                401);
    }

    @Test
    void oversizedBodyIs413() throws SQLException {
        byte[] big = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(
                client.post(
                        "/api/webhooks/gh",
                        big,
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "X-Hub-Signature-256",
                                GitHubSignature.sign(GITHUB_SECRET, big))),
                413);
    }

    @Test
    void malformedJsonIs400() throws SQLException {
        String body = "{\"ref\": ";
        assertProblem(
                client.post(
                        "/api/webhooks/gh",
                        body,
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "X-Hub-Signature-256",
                                GitHubSignature.sign(GITHUB_SECRET, body.getBytes(StandardCharsets.UTF_8)))),
                400);
    }

    @Test
    void jsonWithTrailingGarbageIs400() throws SQLException {
        String body = "{\"a\":1} trailing";
        assertProblem(
                client.post(
                        "/api/webhooks/gh",
                        body,
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "X-Hub-Signature-256",
                                GitHubSignature.sign(GITHUB_SECRET, body.getBytes(StandardCharsets.UTF_8)))),
                400);
    }

    @Test
    void stripeEventIdIsTheDeliveryId() throws SQLException {
        String body = "{\"id\":\"evt_42\",\"type\":\"charge.failed\",\"data\":{\"object\":{}}}";
        String header = StripeSignature.sign(STRIPE_SECRET, body.getBytes(StandardCharsets.UTF_8), Instant.now());
        assertEquals(
                202,
                client.post("/api/webhooks/pay", body, Map.of("Stripe-Signature", header))
                        .status());
        // Stripe retries with a fresh signature: still the same event
        String later = StripeSignature.sign(
                STRIPE_SECRET,
                body.getBytes(StandardCharsets.UTF_8),
                Instant.now().plusSeconds(2));
        assertEquals(
                200,
                client.post("/api/webhooks/pay", body, Map.of("Stripe-Signature", later))
                        .status());
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM webhook_events WHERE delivery_id = 'evt_42' AND event_type = 'charge.failed'"));
    }

    @Test
    void standardWebhookAcceptedWithItsIdAsDelivery() throws SQLException {
        byte[] body =
                "{\"type\":\"deploy.failed\",\"data\":{\"severity\":\"critical\"}}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String id = "msg_" + UUID.randomUUID();
        Reply reply = client.post(
                "/api/webhooks/std",
                body,
                Map.of(
                        "webhook-id",
                        id,
                        "webhook-timestamp",
                        Long.toString(now.getEpochSecond()),
                        "webhook-signature",
                        "v1,bm90LXRoaXMtb25l " + StandardWebhooks.sign(STANDARD_SECRET, id, now, body)));
        assertEquals(202, reply.status(), reply.body());
        assertEquals(
                1,
                count("SELECT count(*) FROM webhook_events WHERE delivery_id = '" + id
                        + "' AND event_type = 'deploy.failed'"));
    }

    @Test
    void genericSourceUsesItsConfiguredScheme() throws SQLException {
        byte[] body = "{\"event\":\"backup.failed\"}".getBytes(StandardCharsets.UTF_8);
        var scheme = new dev.opscenter.common.signature.GenericSignature(
                "X-Hub-Sig",
                dev.opscenter.common.crypto.Hmac.SHA512,
                dev.opscenter.common.signature.GenericSignature.Encoding.BASE64,
                "sha512=");
        assertEquals(
                202,
                client.post(
                                "/api/webhooks/gen",
                                body,
                                Map.of("X-Hub-Sig", scheme.sign(GENERIC_SECRET, body), "X-Webhook-Id", "g-1"))
                        .status());
        assertEquals(
                1,
                count(
                        "SELECT count(*) FROM webhook_events WHERE event_type = 'backup.failed' AND delivery_id = 'g-1'"));
        assertProblem401Only(
                client.post("/api/webhooks/gen", body, Map.of("X-Signature", scheme.sign(GENERIC_SECRET, body))));
    }

    private void assertProblem401Only(Reply reply) {
        assertEquals(401, reply.status(), "signature in the wrong header must not pass");
    }
}
