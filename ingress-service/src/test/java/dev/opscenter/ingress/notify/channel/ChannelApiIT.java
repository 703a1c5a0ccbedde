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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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
        return api.create("/api/channels", "{\"name\":\"" + name + "\",\"type\":\"slack\",\"secret\":\"" + SLACK_URL + "\"}");
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
        try (Connection c = env.connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT secret_encrypted FROM channels WHERE id = " + id)) {
            r.next();
            byte[] stored = r.getBytes(1);
            assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("very-secret"));
            assertEquals(SLACK_URL, cipher.decrypt(stored));
        }
    }

    @Test
    void everyTypeIsAcceptedWithItsSettings() {
        api.create("/api/channels", "{\"name\":\"mail\",\"type\":\"email\",\"config\":{\"from\":\"alerts@example.com\"}}");
        api.create("/api/channels", "{\"name\":\"tg\",\"type\":\"telegram\",\"secret\":\"123456:token\",\"config\":{\"baseUrl\":\"http://127.0.0.1:1\"}}");
        api.create("/api/channels", "{\"name\":\"sms\",\"type\":\"sms\",\"secret\":\"auth\",\"config\":{\"accountSid\":\"AC1\",\"from\":\"+15550001111\"}}");
        Map<String, Object> hook = api.expect(201, api.call("POST", "/api/channels",
                "{\"name\":\"hook\",\"type\":\"webhook\",\"config\":{\"url\":\"https://receiver.example/in\"}}"));
        assertEquals(false, hook.get("hasSecret"));
        assertEquals(Map.of("url", "https://receiver.example/in"), hook.get("config"));
        assertEquals(4, api.items(api.call("GET", "/api/channels", null)).size());
    }

    @Test
    void invalidChannelsAre422NamingTheField() {
        api.assertInvalid("name", api.call("POST", "/api/channels", "{\"type\":\"slack\",\"secret\":\"" + SLACK_URL + "\"}"));
        api.assertInvalid("type", api.call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"pager\"}"));
        api.assertInvalid("config.from", api.call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"email\",\"config\":{\"from\":\"nobody\"}}"));
        api.assertInvalid("secret", api.call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"slack\",\"secret\":\"http://insecure.example\"}"));
        api.assertInvalid("secret", api.call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"telegram\"}"));
        api.assertInvalid("config.accountSid", api.call("POST", "/api/channels",
                "{\"name\":\"x\",\"type\":\"sms\",\"secret\":\"t\",\"config\":{\"from\":\"+1555\"}}"));
        api.assertInvalid("config.url", api.call("POST", "/api/channels", "{\"name\":\"x\",\"type\":\"webhook\",\"config\":{\"url\":\"file:///etc\"}}"));
        api.assertInvalid("secret", api.call("POST", "/api/channels",
                "{\"name\":\"x\",\"type\":\"webhook\",\"config\":{\"url\":\"https://r.example\"},\"secret\":\"plain\"}"));
        assertTrue(api.items(api.call("GET", "/api/channels", null)).isEmpty(), "nothing invalid was stored");
    }

    @Test
    void typeCannotChangeAndNamesAreUnique() {
        long id = slack("one");
        slack("two");
        api.assertInvalid("type", api.call("PUT", "/api/channels/" + id, "{\"type\":\"email\",\"config\":{\"from\":\"a@example.com\"}}"));
        api.expect(409, api.call("POST", "/api/channels", "{\"name\":\"one\",\"type\":\"slack\",\"secret\":\"" + SLACK_URL + "\"}"));
        api.expect(409, api.call("PUT", "/api/channels/" + id, "{\"name\":\"two\"}"));
    }
}
