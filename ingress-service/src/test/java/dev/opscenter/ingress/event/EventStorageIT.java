package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** How events are stored (V10): large bodies compressed with lz4 where the server has it, pages left room for HOT updates. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStorageIT extends IngressIT {
    private static final String SECRET = "event-storage-test-secret";

    @Inject
    SourceRepository sources;

    @Test
    void aLargeBodyIsCompressedWithLz4WhereTheServerHasIt() throws Exception {
        sources.insert("GitHub", "gh-storage", SourceKind.GITHUB, SECRET, Map.of(), true);
        String body = "{\"zen\":\"" + "Keep it logically awesome. ".repeat(300) + "\"}";

        assertEquals(
                202,
                client.post(
                                "/api/webhooks/gh-storage",
                                body,
                                Map.of(
                                        "Content-Type",
                                        "application/json",
                                        "X-GitHub-Event",
                                        "ping",
                                        "X-GitHub-Delivery",
                                        "storage-1",
                                        "X-Hub-Signature-256",
                                        GitHubSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8))))
                        .status());

        String expected = count("SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression'"
                                + " AND 'lz4' = ANY (enumvals)")
                        == 1
                ? "lz4"
                : "pglz";
        assertEquals(
                1,
                count("SELECT count(*) FROM webhook_events WHERE delivery_id = 'storage-1'"
                        + " AND pg_column_compression(raw_body) = '" + expected + "'"
                        + " AND body_is_json AND payload IS NULL"),
                "raw_body, which is also the payload (V24), compressed with " + expected);
    }

    @Test
    void pagesKeepRoomForUpdatesThatChangeNoIndexedColumn() throws Exception {
        assertEquals(
                1,
                count("SELECT count(*) FROM pg_class WHERE oid = 'webhook_events'::regclass"
                        + " AND 'fillfactor=80' = ANY (reloptions)"));
    }
}
