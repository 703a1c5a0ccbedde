package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Concurrent webhooks share commits (one committer here, so they queue behind each other's commits): every 202 is a
 * committed row of its own, a repeated delivery is one row, and a body PostgreSQL refuses fails only its own request.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupCommitIT extends IngressIT {
    private static final String SECRET = "group-commit-test-secret";
    private static final int DELIVERIES = 40;

    @Inject
    SourceRepository sources;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("opscenter.ingest.commit-threads", "1");
    }

    @Test
    void concurrentWebhooksShareCommitsAndEachGetsItsOwnAnswer() throws Exception {
        sources.insert("GitHub", "gh-group", SourceKind.GITHUB, SECRET, Map.of(), true);
        List<CompletableFuture<Reply>> good = new ArrayList<>();
        List<CompletableFuture<Reply>> repeated = new ArrayList<>();
        CompletableFuture<Reply> refused;
        ExecutorService senders = Executors.newFixedThreadPool(32);
        try {
            for (int i = 0; i < DELIVERIES; i++) {
                String delivery = "group-" + i;
                good.add(
                        CompletableFuture.supplyAsync(() -> post(delivery, "{\"zen\":\"" + delivery + "\"}"), senders));
                if (i % 4 == 0) {
                    repeated.add(CompletableFuture.supplyAsync(
                            () -> post(delivery, "{\"zen\":\"" + delivery + "\"}"), senders));
                }
            }
            refused = CompletableFuture.supplyAsync(() -> post("group-nul", "{\"zen\":\"a\\u0000b\"}"), senders);
            CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).join();
        } finally {
            senders.shutdown();
        }

        assertEquals(400, refused.join().status(), "the body PostgreSQL refuses fails its own request");
        Set<Long> ids = new HashSet<>();
        for (CompletableFuture<Reply> reply : good) {
            Reply r = reply.join();
            assertTrue(r.status() == 202 || r.status() == 200, r.status() + " " + r.body());
            ids.add(id(map(r)));
        }
        for (CompletableFuture<Reply> reply : repeated) {
            Reply r = reply.join();
            assertTrue(r.status() == 202 || r.status() == 200, r.status() + " " + r.body());
            assertTrue(ids.contains(id(map(r))), "a repeated delivery answers with the first event's id");
        }
        assertEquals(DELIVERIES, ids.size());
        assertEquals(
                DELIVERIES,
                count("SELECT count(*) FROM webhook_events e JOIN webhook_sources s ON s.id = e.source_id"
                        + " WHERE s.slug = 'gh-group'"),
                "one committed row per delivery, none for the refused body");
        DistributionSummary batches =
                meters.get("opscenter.ingest.commit.batch").summary();
        assertTrue(batches.max() > 1, "requests that arrived together shared a commit (largest " + batches.max() + ")");
    }

    private Reply post(String delivery, String body) {
        return client.post(
                "/api/webhooks/gh-group",
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-GitHub-Event",
                        "ping",
                        "X-GitHub-Delivery",
                        delivery,
                        "X-Hub-Signature-256",
                        GitHubSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8))));
    }
}
