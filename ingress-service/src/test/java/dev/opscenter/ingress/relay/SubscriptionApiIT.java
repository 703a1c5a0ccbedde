package dev.opscenter.ingress.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.testing.MutableClock;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /api/subscriptions over HTTP against real PostgreSQL, with the service's clock in the test's hand. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionApiIT extends IngressIT {
    static final MutableClock CLOCK = new MutableClock();
    static final String SECRET = "whsec_"
            + Base64.getEncoder().encodeToString("relay-signing-key-of-32-bytes!!!".getBytes(StandardCharsets.UTF_8));

    @Inject
    SecretCipher cipher;

    NotifyClient api;

    @MockBean(Clock.class)
    Clock clock() {
        return CLOCK;
    }

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
    }

    private static String body(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"eventTypes\":[\"order.*\"],\"url\":\"https://receiver.example/hooks\""
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private long create(String name, String extra) {
        return api.create("/api/subscriptions", body(name, extra));
    }

    private Map<String, Object> get(long id) {
        return api.expect(200, api.call("GET", "/api/subscriptions/" + id, null));
    }

    private String stored(String column, long id) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT " + column + " FROM subscriptions WHERE id = " + id)) {
            r.next();
            byte[] sealed = r.getBytes(1);
            return sealed == null ? null : cipher.decrypt(sealed);
        }
    }

    @Test
    void createdSubscriptionReadsBackWithoutItsSecret() {
        long id = create("orders", "\"secret\":\"" + SECRET + "\",\"description\":\"order feed\"");
        Reply got = api.call("GET", "/api/subscriptions/" + id, null);
        Map<String, Object> subscription = api.expect(200, got);
        assertFalse(got.body().contains(SECRET.substring(6)), got.body());
        assertFalse(subscription.containsKey("secret"));
        assertEquals("orders", subscription.get("name"));
        assertEquals("order feed", subscription.get("description"));
        assertEquals(List.of("order.*"), subscription.get("eventTypes"));
        assertEquals("https://receiver.example/hooks", subscription.get("url"));
        assertEquals("X-OpsCenter-Signature", subscription.get("signatureHeader"));
        assertEquals(true, subscription.get("active"));
        assertEquals(false, subscription.get("hasPreviousSecret"));
        assertNull(subscription.get("sourceId"));
        assertFalse(api.call("GET", "/api/subscriptions", null).body().contains(SECRET.substring(6)));
    }

    @Test
    void secretIsShownOnceOnCreateAndStoredEncrypted() throws SQLException {
        Reply created = api.call("POST", "/api/subscriptions", body("orders", "\"secret\":\"" + SECRET + "\""));
        Map<String, Object> answer = api.expect(201, created);
        assertEquals(SECRET, answer.get("secret"));
        assertEquals("orders", answer.get("name"), "the subscription's fields come with it");
        long id = NotifyClient.id(answer);
        assertEquals(SECRET, stored("secret_encrypted", id));
        assertFalse(api.call("GET", "/api/subscriptions/" + id, null).body().contains("secret\""));
    }

    @Test
    void generatedSecretIsWhsecAndBase64Of24Bytes() throws SQLException {
        Map<String, Object> answer = api.expect(201, api.call("POST", "/api/subscriptions", body("orders", "")));
        String secret = (String) answer.get("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(24, Base64.getDecoder().decode(secret.substring(6)).length);
        assertEquals(secret, stored("secret_encrypted", NotifyClient.id(answer)));
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        api.assertInvalidFields(
                List.of(
                        "name",
                        "description",
                        "eventTypes[1]",
                        "url",
                        "secret",
                        "signatureHeader",
                        "headers",
                        "headers.X-Token",
                        "rateLimitPerSecond",
                        "conditions"),
                api.call(
                        "POST",
                        "/api/subscriptions",
                        "{\"name\":\" \",\"description\":\"" + "d".repeat(1_001) + "\","
                                + "\"eventTypes\":[\"order.*\",\"a,b\"],\"url\":\"ftp://files.example\","
                                + "\"secret\":\"whsec_c2hvcnQ=\",\"signatureHeader\":\"X Sig\","
                                + "\"headers\":{\"Bad Name\":\"v\",\"X-Token\":\"line\\nbreak\"},"
                                + "\"rateLimitPerSecond\":0,\"conditions\":{\"all\":[{\"path\":\"payload.x\",\"op\":\"resembles\",\"value\":1}]}}"));
        assertTrue(api.items(api.call("GET", "/api/subscriptions", null)).isEmpty(), "nothing invalid was stored");
    }

    @Test
    void missingEventTypesAndUrlAreNamed() {
        api.assertInvalidFields(
                List.of("eventTypes", "url"), api.call("POST", "/api/subscriptions", "{\"name\":\"orders\"}"));
        api.assertInvalid(
                "eventTypes",
                api.call(
                        "POST",
                        "/api/subscriptions",
                        "{\"name\":\"x\",\"url\":\"https://r.example\",\"eventTypes\":[" + "\"a\",".repeat(20)
                                + "\"a\"]}"));
    }

    @Test
    void customHeaderMayNotReplaceASignatureHeader() {
        api.assertInvalid(
                "headers",
                api.call("POST", "/api/subscriptions", body("x", "\"headers\":{\"Webhook-Signature\":\"v1,forged\"}")));
        api.assertInvalid(
                "headers",
                api.call(
                        "POST",
                        "/api/subscriptions",
                        body("x", "\"signatureHeader\":\"X-Sig\",\"headers\":{\"x-sig-previous\":\"forged\"}")));
        api.assertInvalid(
                "signatureHeader",
                api.call("POST", "/api/subscriptions", body("x", "\"signatureHeader\":\"webhook-id\"")));
    }

    @Test
    void takenNameIs409() {
        long id = create("orders", "");
        create("refunds", "");
        api.expect(409, api.call("POST", "/api/subscriptions", body("orders", "")));
        api.expect(409, api.call("PUT", "/api/subscriptions/" + id, "{\"name\":\"refunds\"}"));
    }

    @Test
    void unknownSourceIs422() throws SQLException {
        api.assertInvalid("sourceId", api.call("POST", "/api/subscriptions", body("x", "\"sourceId\":987654")));
        long deleted = api.source("gone");
        api.sql("UPDATE webhook_sources SET deleted_at = now() WHERE id = " + deleted);
        api.assertInvalid("sourceId", api.call("POST", "/api/subscriptions", body("x", "\"sourceId\":" + deleted)));
        long source = api.source("github");
        assertEquals(
                source, ((Number) get(create("x", "\"sourceId\":" + source)).get("sourceId")).longValue());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "127.0.0.2:6379",
                "localhost",
                "2130706434",
                "[::1]",
                "169.254.169.254",
                "[::ffff:169.254.169.254]",
                "10.0.0.1",
                "172.16.0.1",
                "192.168.1.1",
                "[fd00::1]"
            })
    void internalUrlIsRefused(String host) {
        Reply reply = api.call(
                "POST",
                "/api/subscriptions",
                "{\"name\":\"x\",\"eventTypes\":[\"*\"],\"url\":\"http://" + host + "/in\"}");
        api.assertInvalid("url", reply);
        assertTrue(reply.body().contains("may not reach"), reply.body());
    }

    @Test
    void allowListedAddressIsAccepted() {
        // application-test.yml allow-lists 127.0.0.1/32 (opscenter.outbound.allow), where test receivers listen
        long id = api.create(
                "/api/subscriptions", "{\"name\":\"local\",\"eventTypes\":[\"*\"],\"url\":\"http://127.0.0.1:9/in\"}");
        assertEquals("http://127.0.0.1:9/in", get(id).get("url"));
    }

    @Test
    void updateReplacesTheFieldsSentAndKeepsTheOthers() {
        long source = api.source("github");
        long id = create("orders", "\"sourceId\":" + source + ",\"rateLimitPerSecond\":50,\"description\":\"d\"");
        Map<String, Object> updated = api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/subscriptions/" + id,
                        "{\"eventTypes\":[\"push\",\"pull_request\"],\"active\":false,\"sourceId\":null,"
                                + "\"conditions\":{\"all\":[{\"path\":\"payload.amount\",\"op\":\"gt\",\"value\":100}]}}"));
        assertEquals(List.of("push", "pull_request"), updated.get("eventTypes"));
        assertEquals(false, updated.get("active"));
        assertNull(updated.get("sourceId"), "sent as null: cleared");
        assertEquals(
                Map.of("all", List.of(Map.of("path", "payload.amount", "op", "gt", "value", 100))),
                updated.get("conditions"));
        assertEquals("orders", updated.get("name"), "left out: kept");
        assertEquals(50, updated.get("rateLimitPerSecond"));
        assertEquals("d", updated.get("description"));
        assertEquals(updated, get(id));
        api.expect(404, api.call("PUT", "/api/subscriptions/987654", "{\"name\":\"x\"}"));
    }

    @Test
    void updateCannotSetTheSecret() {
        long id = create("orders", "");
        api.assertInvalid("secret", api.call("PUT", "/api/subscriptions/" + id, "{\"secret\":\"" + SECRET + "\"}"));
    }

    @Test
    void headerValuesAreMaskedEncryptedAndKeptUnlessTheUrlChanges() throws SQLException {
        Reply created = api.call(
                "POST", "/api/subscriptions", body("orders", "\"headers\":{\"Authorization\":\"Bearer tok-1\"}"));
        long id = NotifyClient.id(api.expect(201, created));
        assertFalse(created.body().contains("tok-1"), created.body());
        assertEquals(Map.of("Authorization", "********"), get(id).get("headers"));
        assertEquals("Bearer tok-1", storedHeader(id));

        api.expect(200, api.call("PUT", "/api/subscriptions/" + id, "{\"headers\":{\"Authorization\":\"********\"}}"));
        assertEquals("Bearer tok-1", storedHeader(id), "the mask sent back keeps the value");
        api.assertInvalid(
                "headers.Authorization",
                api.call(
                        "PUT",
                        "/api/subscriptions/" + id,
                        "{\"url\":\"https://collector.example/in\",\"headers\":{\"Authorization\":\"********\"}}"));
        api.assertInvalid(
                "headers.Authorization",
                api.call("PUT", "/api/subscriptions/" + id, "{\"url\":\"https://collector.example/in\"}"));
    }

    private String storedHeader(long id) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT headers->>'Authorization' FROM subscriptions WHERE id = " + id)) {
            r.next();
            String stored = r.getString(1);
            assertTrue(stored.startsWith("sealed:v1:"), stored);
            return cipher.decrypt(Base64.getDecoder().decode(stored.substring("sealed:v1:".length())));
        }
    }

    @Test
    void deletedSubscriptionIsGoneWithItsDeliveries() throws SQLException {
        long id = create("orders", "");
        long event = api.event(api.source("github"), "order.created", "{}");
        api.sql("INSERT INTO deliveries (event_id, subscription_id) VALUES (" + event + ", " + id + ")");
        api.expect(204, api.call("DELETE", "/api/subscriptions/" + id, null));
        api.expect(404, api.call("GET", "/api/subscriptions/" + id, null));
        api.expect(404, api.call("DELETE", "/api/subscriptions/" + id, null));
        assertEquals(0, count("SELECT count(*) FROM deliveries"));
    }

    @Test
    void rotateSecretReturnsANewSecretAndKeepsThePreviousUntilTheGraceEnds() throws SQLException {
        long id = create("orders", "\"secret\":\"" + SECRET + "\"");
        Instant before = CLOCK.instant();
        Map<String, Object> rotated =
                api.expect(200, api.call("POST", "/api/subscriptions/" + id + "/rotate-secret", null));
        Instant after = CLOCK.instant();

        String secret = (String) rotated.get("secret");
        assertNotEquals(SECRET, secret);
        assertEquals(24, Base64.getDecoder().decode(secret.substring(6)).length);
        assertEquals(secret, stored("secret_encrypted", id));
        assertEquals(SECRET, stored("previous_secret_encrypted", id));
        Instant expires = Instant.parse((String) rotated.get("previousSecretExpiresAt"));
        assertFalse(expires.isBefore(before.plus(Duration.ofHours(24))), expires + " vs " + before);
        assertFalse(expires.isAfter(after.plus(Duration.ofHours(24))), expires + " vs " + after);
        assertEquals(expires, storedExpiry(id));

        Map<String, Object> during = get(id);
        assertEquals(true, during.get("hasPreviousSecret"));
        assertEquals(expires, Instant.parse((String) during.get("previousSecretExpiresAt")));
        assertFalse(api.call("GET", "/api/subscriptions/" + id, null).body().contains(secret.substring(6)));

        CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
        Map<String, Object> ended = get(id);
        assertEquals(false, ended.get("hasPreviousSecret"));
        assertNull(ended.get("previousSecretExpiresAt"));
    }

    private Instant storedExpiry(long id) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT previous_secret_expires_at FROM subscriptions WHERE id = " + id)) {
            r.next();
            return r.getTimestamp(1).toInstant();
        }
    }

    @Test
    void rotateSecretTakesAGivenSecretAndRefusesAnInvalidOne() throws SQLException {
        long id = create("orders", "");
        String given = "whsec_" + Base64.getEncoder().encodeToString(new byte[64]);
        assertEquals(
                given,
                api.expect(
                                200,
                                api.call(
                                        "POST",
                                        "/api/subscriptions/" + id + "/rotate-secret",
                                        "{\"secret\":\"" + given + "\"}"))
                        .get("secret"));
        assertEquals(given, stored("secret_encrypted", id));
        String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);
        api.assertInvalid(
                "secret",
                api.call("POST", "/api/subscriptions/" + id + "/rotate-secret", "{\"secret\":\"" + tooLong + "\"}"));
        assertEquals(given, stored("secret_encrypted", id), "a refused rotation changes nothing");
        api.expect(404, api.call("POST", "/api/subscriptions/987654/rotate-secret", null));
    }
}
