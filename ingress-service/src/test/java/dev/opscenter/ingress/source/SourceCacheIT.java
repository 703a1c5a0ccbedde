package dev.opscenter.ingress.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sources are cached for the webhook path (a TTL of an hour here, so only announcements can drop them): a change made
 * through this replica, or announced by another, takes effect on the next webhook.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceCacheIT extends IngressIT {
    private static final String SECRET = "source-cache-test-secret";
    private static final String ROTATED = "source-cache-rotated-secret";

    @Inject
    SourceChanges changes;

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    private String slug;
    private long id;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("opscenter.sources.cache-ttl", "1h");
    }

    @BeforeEach
    void source() {
        await("source changes heard").atMost(Duration.ofSeconds(10)).until(changes::hearing);
        slug = "cache-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = client.admin(
                "POST",
                "/api/sources",
                "{\"name\":\"Cached\",\"slug\":\"" + slug + "\",\"kind\":\"github\",\"secret\":\"" + SECRET + "\"}");
        assertEquals(201, created.status(), created.body());
        id = id(map(created));
        assertEquals(202, webhook(SECRET).status(), "the first webhook reads and keeps the source");
    }

    @Test
    void aSourceDisabledThroughThisReplicaRefusesTheNextWebhook() {
        Reply disabled = client.admin("PUT", "/api/sources/" + id, "{\"active\":false}");
        assertEquals(200, disabled.status(), disabled.body());

        assertEquals(403, webhook(SECRET).status());
    }

    @Test
    void aRotatedSecretIsTheOnlyOneAcceptedAtOnce() {
        Reply rotated = client.admin("PUT", "/api/sources/" + id, "{\"secret\":\"" + ROTATED + "\"}");
        assertEquals(200, rotated.status(), rotated.body());

        assertEquals(401, webhook(SECRET).status());
        assertEquals(202, webhook(ROTATED).status());
    }

    @Test
    void aDeletedSourceIsUnknownAtOnce() {
        assertEquals(204, client.admin("DELETE", "/api/sources/" + id, null).status());

        assertEquals(404, webhook(SECRET).status());
    }

    @Test
    void aChangeAnnouncedByAnotherReplicaDropsTheKeptSource() throws Exception {
        // another replica disables the source: the row changes, and that replica announces the slug
        sql("UPDATE webhook_sources SET is_active = false WHERE id = " + id);
        assertEquals(202, webhook(SECRET).status(), "until the announcement this replica uses the source it kept");

        redis.sync().publish(keys.sourceChanges(), slug);

        await("announcement heard")
                .atMost(Duration.ofSeconds(10))
                .until(() -> webhook(SECRET).status() == 403);
    }

    private Reply webhook(String secret) {
        return client.github(
                slug, secret, "ping", UUID.randomUUID().toString(), "{\"zen\":\"" + UUID.randomUUID() + "\"}");
    }
}
