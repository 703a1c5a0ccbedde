package dev.opscenter.ingress.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient;
import dev.opscenter.ingress.source.SourceRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client that keeps failing authentication gets 429 after the limit, on every API path, before any lookup; one
 * that succeeds is never slowed. Each test is its own client through the trusted-proxy header.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThrottleIT extends IngressIT {
    private static final String SECRET = "throttle-test-secret-01";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    SourceRepository sources;

    @Inject
    SharedRedis redis;

    @Inject
    RedisKeys keys;

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "opscenter.auth-throttle.max-failures", "3",
                "opscenter.auth-throttle.window", "1d",
                "opscenter.http.trusted-proxies", "127.0.0.1,::1");
    }

    @BeforeAll
    void source() {
        sources.insert("GitHub", "gh-throttle", SourceKind.GITHUB, SECRET, Map.of(), true);
    }

    private static String newClient() {
        return "198.51.100." + CLIENTS.incrementAndGet();
    }

    private HttpResponse<String> send(
            String client, String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("X-Forwarded-For", client)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> admin(String client, String token) {
        return send(client, "GET", "/api/sources", token, null, Map.of());
    }

    private HttpResponse<String> webhook(String client, String signature) {
        String body = "{\"zen\":\"hi\"}";
        return send(
                client,
                "POST",
                "/api/webhooks/gh-throttle",
                null,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-GitHub-Event",
                        "ping",
                        "X-GitHub-Delivery",
                        client + "-" + System.nanoTime(),
                        "X-Hub-Signature-256",
                        signature));
    }

    private static List<Integer> statuses(int times, java.util.function.Supplier<HttpResponse<String>> call) {
        return java.util.stream.IntStream.range(0, times)
                .mapToObj(i -> call.get().statusCode())
                .toList();
    }

    private static void assertThrottled(HttpResponse<String> response) {
        assertEquals(429, response.statusCode(), response.body());
        long retryAfter =
                Long.parseLong(response.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter > 0, "Retry-After " + retryAfter);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void wrongAdminTokensAreThrottledAfterTheLimit() {
        String client = newClient();

        assertEquals(List.of(401, 401, 401), statuses(3, () -> admin(client, "guess")));
        assertThrottled(admin(client, "guess"));
    }

    @Test
    void aThrottledClientIsRefusedEvenWithTheRightTokenAndOthersAreNot() {
        String client = newClient();
        statuses(3, () -> admin(client, "guess"));

        assertThrottled(admin(client, IngressTestClient.ADMIN_TOKEN));
        assertEquals(200, admin(newClient(), IngressTestClient.ADMIN_TOKEN).statusCode());
    }

    @Test
    void badSignaturesAreThrottledAfterTheLimit() {
        String client = newClient();

        assertEquals(List.of(401, 401, 401), statuses(3, () -> webhook(client, "sha256=00")));
        assertThrottled(
                webhook(client, GitHubSignature.sign(SECRET, "{\"zen\":\"hi\"}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void unknownApiKeysAreThrottledAfterTheLimit() {
        String client = newClient();
        java.util.function.Supplier<HttpResponse<String>> trigger = () -> send(
                client,
                "POST",
                "/api/events",
                "ok_notakey0000000000000000000000000",
                "{\"event\":\"deploy\",\"payload\":{}}",
                Map.of("Content-Type", "application/json"));

        assertEquals(List.of(401, 401, 401), statuses(3, trigger));
        assertThrottled(trigger.get());
    }

    @Test
    void successfulRequestsAreNeverCounted() {
        String client = newClient();

        assertEquals(List.of(200, 200, 200, 200, 200), statuses(5, () -> admin(client, IngressTestClient.ADMIN_TOKEN)));
        assertEquals(List.of(401, 401), statuses(2, () -> admin(client, "guess")));
    }

    @Test
    void failuresAreCountedInRedisForEveryReplica() {
        String client = newClient();

        admin(client, "guess");

        List<String> counted = redis.sync().keys(keys.prefix() + "authfail:" + client + ":*");
        assertEquals(1, counted.size(), counted.toString());
        assertEquals("1", redis.sync().get(counted.get(0)));
    }
}
