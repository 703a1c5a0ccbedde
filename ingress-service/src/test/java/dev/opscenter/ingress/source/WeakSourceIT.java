package dev.opscenter.ingress.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A guessable secret or HMAC-MD5 is saved only when the source says so with {@code allowWeak}. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WeakSourceIT extends IngressIT {

    private Reply create(String slug, String kind, String secret, String settings) {
        return client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"kind\":\"" + kind + "\",\"secret\":\"" + secret
                        + "\",\"settings\":" + settings + "}");
    }

    @SuppressWarnings("unchecked")
    private String invalidField(Reply reply) {
        assertEquals(422, reply.status(), reply.body());
        return (String)
                ((List<Map<String, Object>>) map(reply).get("errors")).get(0).get("field");
    }

    @Test
    void refusesAShortSecretWithoutOptIn() {
        assertEquals("secret", invalidField(create("short", "github", "12345678abc", "{}")));
    }

    @Test
    void acceptsAShortSecretWithAllowWeak() {
        assertEquals(
                201,
                create("short-ok", "github", "12345678abc", "{\"allowWeak\":true}")
                        .status());
    }

    @Test
    void refusesMd5WithoutOptIn() {
        assertEquals(
                "settings", invalidField(create("md5", "generic", "a-long-enough-secret", "{\"algorithm\":\"md5\"}")));
    }

    @Test
    void acceptsMd5WithAllowWeak() {
        assertEquals(
                201,
                create("md5-ok", "generic", "a-long-enough-secret", "{\"algorithm\":\"md5\",\"allowWeak\":true}")
                        .status());
    }

    @Test
    void droppingTheOptInFromAWeakSourceIsRefused() {
        long id = id(map(create("weak-later", "github", "12345678abc", "{\"allowWeak\":true}")));

        assertEquals("secret", invalidField(client.admin("PUT", "/api/sources/" + id, "{\"settings\":{}}")));
    }
}
