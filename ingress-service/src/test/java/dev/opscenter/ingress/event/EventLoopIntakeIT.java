package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A webhook of a source this replica keeps, with no replay window, is verified on the connection's event loop and
 * answered there once the group commit holding it is done: it needs no request thread. Here the request pool has one
 * thread, held busy while such a webhook arrives.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLoopIntakeIT extends IngressIT {
    private static final String SECRET = "event-loop-secret";

    @Inject
    SourceRepository sources;

    @Inject
    @Named(TaskExecutors.BLOCKING)
    ExecutorService requestThreads;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("micronaut.executors.blocking.number-of-threads", "1");
    }

    @Test
    void aKeptSourcesWebhookIsStoredAndAnsweredWhileEveryRequestThreadIsBusy() throws Exception {
        sources.insert("GitHub", "gh-loop", SourceKind.GITHUB, SECRET, Map.of(), true);
        assertEquals(
                202, push("first").status(), "the first one reads the source from the database, on a request thread");

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        requestThreads.execute(() -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(holding.await(10, TimeUnit.SECONDS), "the only request thread is busy");

            // on a request thread it would wait for the held one (30 s); answered from the event loop it does not
            Reply reply = CompletableFuture.supplyAsync(() -> push("second")).get(10, TimeUnit.SECONDS);

            assertEquals(202, reply.status(), reply.body());
            long id = ((Number) map(reply).get("id")).longValue();
            assertEquals(
                    1,
                    count("SELECT count(*) FROM webhook_events WHERE id = " + id
                            + " AND delivery_id = 'second' AND status = 'pending'"),
                    "committed before the 202");
        } finally {
            release.countDown();
        }
    }

    private Reply push(String delivery) {
        return client.github(
                "gh-loop",
                SECRET,
                "push",
                delivery,
                "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"octo/loop\"}}");
    }
}
