package dev.opscenter.ingress.notify.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /api/channels over HTTP against real PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelApiIT extends IngressIT {
    private static final String SLACK_URL = "https://hooks.slack.example/services/T000/B000/very-secret";

    @Inject
    SecretCipher cipher;

    NotifyClient api;

    @BeforeEach
    void setUp() throws SQLException {
        api = new NotifyClient(client, env);
        api.reset();
    }

    private long slack(String name) {
        return api.create(
                "/api/channels", "{\"name\":\"" + name + "\",\"type\":\"slack\",\"secret\":\"" + SLACK_URL + "\"}");
    }

    @Test
    void crudNeverReturnsTheSecret() {
        long id = slack("ops-slack");
        Reply got = api.call("GET", "/api/channels/" + id, null);
        Map<String, Object> channel = api.expect(200, got);
        assertFalse(got.body().contains("very-secret"), got.body());
        assertEquals(true, channel.get("hasSecret"));
        assertEquals("slack", channel.get("type"));
        assertEquals(true, channel.get("active"));
        assertFalse(api.call("GET", "/api/channels", null).body().contains("very-secret"));

        Reply updated = api.call("PUT", "/api/channels/" + id, "{\"name\":\"renamed\",\"active\":false}");
        assertEquals("renamed", api.expect(200, updated).get("name"));
        assertEquals(true, api.map(updated).get("hasSecret"), "an update without a secret keeps it");
        assertEquals(false, api.map(updated).get("active"));
        assertFalse(updated.body().contains("very-secret"));

        api.expect(204, api.call("DELETE", "/api/channels/" + id, null));
        api.expect(404, api.call("GET", "/api/channels/" + id, null));
        api.expect(404, api.call("DELETE", "/api/channels/" + id, null));
        api.expect(404, api.call("PUT", "/api/channels/" + id, "{\"name\":\"x\"}"));
    }

    @Test
    void secretIsEncryptedAtRest() throws SQLException {
        long id = slack("encrypted");
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT secret_encrypted FROM channels WHERE id = " + id)) {
            r.next();
            byte[] stored = r.getBytes(1);
            assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("very-secret"));
            assertEquals(SLACK_URL, cipher.decrypt(stored));
        }
    }

    @Test
    void everyTypeIsAcceptedWithItsSettings() {
        api.create(
                "/api/channels", "{\"name\":\"mail\",\"type\":\"email\",\"config\":{\"from\":\"alerts@example.com\"}}");
        api.create(
                "/api/channels",
                "{\"name\":\"tg\",\"type\":\"telegram\",\"secret\":\"123456:token\",\"config\":{\"baseUrl\":\"http://127.0.0.1:1\"}}");
        api.create(
                "/api/channels",
                "{\"name\":\"sms\",\"type\":\"sms\",\"secret\":\"auth\",\"config\":{\"accountSid\":\"AC1\",\"from\":\"+15550001111\"}}");
        Map<String, Object> hook = api.expect(
                201,
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"https://receiver.example/in\"}}"));
        assertEquals(false, hook.get("hasSecret"));
        assertEquals(Map.of("url", "https://receiver.example/in"), hook.get("config"));
        assertEquals(4, api.items(api.call("GET", "/api/channels", null)).size());
    }

    @Test
    void invalidChannelsAre422NamingTheField() {
        api.assertInvalid(
                "name", api.call("POST", "/api/channels", "{\"type\":\"slack\",\"secret\":\"" + SLACK_URL + "\"}"));
        api.assertInvalid("type", api.call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"pager\"}"));
        api.assertInvalid(
                "config.from",
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"x\",\"type\":\"email\",\"config\":{\"from\":\"nobody\"}}"));
        api.assertInvalid(
                "secret",
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"x\",\"type\":\"slack\",\"secret\":\"http://insecure.example\"}"));
        api.assertInvalid("secret", api.call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"telegram\"}"));
        api.assertInvalid(
                "config.accountSid",
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"x\",\"type\":\"sms\",\"secret\":\"t\",\"config\":{\"from\":\"+1555\"}}"));
        api.assertInvalid(
                "config.url",
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"x\",\"type\":\"webhook\",\"config\":{\"url\":\"file:///etc\"}}"));
        api.assertInvalid(
                "secret",
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"x\",\"type\":\"webhook\",\"config\":{\"url\":\"https://r.example\"},\"secret\":\"plain\"}"));
        assertTrue(api.items(api.call("GET", "/api/channels", null)).isEmpty(), "nothing invalid was stored");
    }

    @Test
    void everyInvalidFieldOfAChannelIsNamedAtOnce() {
        api.assertInvalidFields(
                List.of("name", "config.url", "config.headers", "secret"),
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"\",\"type\":\"webhook\",\"config\":{\"url\":\"ftp://files.example\",\"headers\":{\"X A\":\"v\"}},"
                                + "\"secret\":\"plain\"}"));
    }

    @Test
    void typeCannotChangeAndNamesAreUnique() {
        long id = slack("one");
        slack("two");
        api.assertInvalid(
                "type",
                api.call("PUT", "/api/channels/" + id, "{\"type\":\"email\",\"config\":{\"from\":\"a@example.com\"}}"));
        api.expect(
                409,
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"one\",\"type\":\"slack\",\"secret\":\"" + SLACK_URL + "\"}"));
        api.expect(409, api.call("PUT", "/api/channels/" + id, "{\"name\":\"two\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "127.0.0.2:6379",
                "localhost:6379",
                "2130706434",
                "017700000002",
                "[::1]",
                "10.0.0.1",
                "172.16.0.1",
                "192.168.1.1",
                "[fd00::1]",
                "100.64.0.1",
                "169.254.169.254",
                "[fe80::1]",
                "[::ffff:169.254.169.254]",
                "224.0.0.1",
                "0.0.0.0",
                "[::]"
            })
    void internalDestinationIsRefusedWhenSaved(String host) {
        Reply reply = api.call(
                "POST",
                "/api/channels",
                "{\"name\":\"x\",\"type\":\"webhook\",\"config\":{\"url\":\"http://" + host + "/in\"}}");
        api.assertInvalid("config.url", reply);
        assertTrue(reply.body().contains("may not reach"), reply.body());
        api.assertInvalid(
                "config.baseUrl",
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"x\",\"type\":\"sms\",\"secret\":\"t\",\"config\":{\"accountSid\":\"AC1\",\"from\":\"+1555\",\"baseUrl\":\"http://"
                                + host + "\"}}"));
    }

    @Test
    void changingTheDestinationRequiresTheSecretAgain() {
        long sms = api.create(
                "/api/channels",
                "{\"name\":\"sms\",\"type\":\"sms\",\"secret\":\"auth-token\","
                        + "\"config\":{\"accountSid\":\"AC1\",\"from\":\"+15550001111\"}}");
        String moved =
                "{\"config\":{\"accountSid\":\"AC1\",\"from\":\"+15550001111\",\"baseUrl\":\"https://collector.example\"}";
        api.assertInvalid("secret", api.call("PUT", "/api/channels/" + sms, moved + "}"));
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/channels/" + sms,
                        "{\"config\":{\"accountSid\":\"AC1\",\"from\":\"+15559999999\"}}"));
        api.expect(200, api.call("PUT", "/api/channels/" + sms, moved + ",\"secret\":\"auth-token\"}"));

        long tg = api.create("/api/channels", "{\"name\":\"tg\",\"type\":\"telegram\",\"secret\":\"123456:token\"}");
        api.assertInvalid(
                "secret",
                api.call("PUT", "/api/channels/" + tg, "{\"config\":{\"baseUrl\":\"https://collector.example\"}}"));

        long hook = api.create(
                "/api/channels",
                "{\"name\":\"hook\",\"type\":\"webhook\",\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\","
                        + "\"config\":{\"url\":\"https://receiver.example/in\"}}");
        api.assertInvalid(
                "secret",
                api.call("PUT", "/api/channels/" + hook, "{\"config\":{\"url\":\"https://collector.example/in\"}}"));
    }

    @Test
    void webhookHeaderValuesAreEncryptedAtRestAndMasked() throws SQLException {
        Reply created = api.call(
                "POST",
                "/api/channels",
                "{\"name\":\"hook\",\"type\":\"webhook\","
                        + "\"config\":{\"url\":\"https://receiver.example/in\",\"headers\":{\"Authorization\":\"Bearer tok-123\"}}}");
        long id = ((Number) api.expect(201, created).get("id")).longValue();
        assertFalse(created.body().contains("tok-123"), created.body());
        assertEquals(
                Map.of("Authorization", "********"),
                ((Map<?, ?>) api.map(created).get("config")).get("headers"));
        assertFalse(api.call("GET", "/api/channels", null).body().contains("tok-123"));
        assertEquals("Bearer tok-123", storedHeader(id));

        // sending the mask back keeps the value; a new destination needs it entered again
        api.expect(
                200,
                api.call(
                        "PUT",
                        "/api/channels/" + id,
                        "{\"config\":{\"url\":\"https://receiver.example/in\",\"headers\":{\"Authorization\":\"********\"}}}"));
        assertEquals("Bearer tok-123", storedHeader(id));
        api.expect(200, api.call("PUT", "/api/channels/" + id, "{\"name\":\"renamed\"}"));
        assertEquals("Bearer tok-123", storedHeader(id), "an update without config keeps the values");
        api.assertInvalid(
                "config.headers.Authorization",
                api.call(
                        "PUT",
                        "/api/channels/" + id,
                        "{\"config\":{\"url\":\"https://collector.example/in\",\"headers\":{\"Authorization\":\"********\"}}}"));
    }

    private String storedHeader(long id) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT config->'headers'->>'Authorization' FROM channels WHERE id = " + id)) {
            r.next();
            String stored = r.getString(1);
            assertFalse(stored.contains("tok-123"), stored);
            assertTrue(stored.startsWith("sealed:v1:"), stored);
            return cipher.decrypt(Base64.getDecoder().decode(stored.substring("sealed:v1:".length())));
        }
    }

    @Test
    void emailFromMayCarryADisplayName() {
        Map<String, Object> mail = api.expect(
                201,
                api.call(
                        "POST",
                        "/api/channels",
                        "{\"name\":\"mail\",\"type\":\"email\",\"config\":{\"from\":\"OpsCenter Alerts <alerts@example.com>\"}}"));
        assertEquals(Map.of("from", "OpsCenter Alerts <alerts@example.com>"), mail.get("config"));
    }
}
