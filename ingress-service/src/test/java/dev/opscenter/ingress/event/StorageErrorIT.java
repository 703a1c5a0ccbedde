package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JSON that parses but PostgreSQL cannot store is the sender's fault (400), told without the database's own words. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageErrorIT extends IngressIT {
    private static final String SECRET = "storage-error-test-secret";

    @Inject
    SourceRepository sources;

    @Test
    void unstorableJsonIs400WithAGenericDetail() {
        sources.insert("GitHub", "gh-nul", SourceKind.GITHUB, SECRET, Map.of(), true);
        String body = "{\"zen\":\"a\\u0000b\"}";

        assertGenericRefusal(client.github("gh-nul", SECRET, "ping", "nul-1", body));
        // the source is now kept, so this one is answered from the event loop after the group commit
        assertGenericRefusal(client.github("gh-nul", SECRET, "ping", "nul-2", body));
    }

    private void assertGenericRefusal(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        String detail = String.valueOf(map(reply).get("detail")).toLowerCase(Locale.ROOT);
        assertFalse(
                detail.contains("error:")
                        || detail.contains("unicode escape")
                        || detail.contains("jsonb")
                        || detail.contains("where:")
                        || detail.contains("sqlstate"),
                detail);
    }
}
