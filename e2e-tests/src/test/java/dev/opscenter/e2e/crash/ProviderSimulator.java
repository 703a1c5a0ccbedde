package dev.opscenter.e2e.crash;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.e2e.platform.Webhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Delivers GitHub webhooks the way GitHub does: a delivery without a 2xx (refused, reset, 5xx) is sent again
 * with the same X-GitHub-Delivery and a freshly computed signature until it gets one, within a bound.
 * Deliveries start only as permits are released, so a test paces the traffic against its crash schedule.
 */
final class ProviderSimulator {
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private static final Duration RETRY_EVERY = Duration.ofMillis(200);

    private final HttpClient http;
    private final URI endpoint;
    private final byte[] body;
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<String, Long> idByDelivery = new ConcurrentHashMap<>();

    ProviderSimulator(HttpClient http, URI ingress, byte[] body) {
        this.http = http;
        this.endpoint = ingress.resolve("/api/webhooks/github");
        this.body = body.clone();
    }

    /** Lets this many more deliveries start. */
    void release(int deliveries) {
        permits.release(deliveries);
    }

    /** Waits for a permit, then delivers until ingress answers 2xx; returns the event id it answered with. */
    long deliver(String deliveryId) throws InterruptedException {
        permits.acquire();
        AtomicInteger attempts = new AtomicInteger();
        Awaitility.await("a 2xx for delivery " + deliveryId)
                .atMost(RETRY_FOR)
                .pollDelay(Duration.ZERO)
                .pollInterval(RETRY_EVERY)
                .pollInSameThread()
                .until(() -> attempt(deliveryId, attempts.getAndIncrement() > 0));
        return idByDelivery.get(deliveryId);
    }

    private boolean attempt(String deliveryId, boolean retry) throws InterruptedException {
        if (retry) {
            retries.incrementAndGet();
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/e2e")
                .header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", deliveryId)
                .header(GitHubSignature.HEADER, GitHubSignature.sign(Webhooks.GITHUB_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // refused while ingress is down, reset when it dies mid-request: the provider tries again
            return false;
        }
        int status = response.statusCode();
        if (status >= 500) {
            return false;
        }
        if (status != 202 && status != 200) {
            throw new AssertionError("delivery " + deliveryId + " refused with " + status + ": " + response.body());
        }
        long id = Webhooks.json(response.body()).path("id").asLong();
        Long earlier = idByDelivery.putIfAbsent(deliveryId, id);
        if (earlier != null) {
            throw new AssertionError("delivery " + deliveryId + " answered twice: " + earlier + " and " + id);
        }
        (status == 202 ? accepted : duplicates).incrementAndGet();
        return true;
    }

    /** Deliveries that have had their 2xx (202, or 200 for one ingress had committed before it died). */
    int answered() {
        return accepted.get() + duplicates.get();
    }

    int accepted() {
        return accepted.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int retries() {
        return retries.get();
    }

    /** The event id ingress answered for each delivery id. */
    Map<String, Long> idByDelivery() {
        return Map.copyOf(idByDelivery);
    }
}
