package dev.opscenter.e2e.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.signature.StripeSignature;
import dev.opscenter.common.startup.DevSecrets;
import dev.opscenter.common.testing.TestEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** Webhooks posts fixture payloads to ingress signed exactly as GitHub and Stripe sign them, with the dev-seeded secrets. */
public final class Webhooks {
    /** Secret of the dev-seeded {@code github} source. */
    public static final String GITHUB_SECRET = DevSecrets.load().sourceSecret("github");
    /** Secret of the dev-seeded {@code stripe} source. */
    public static final String STRIPE_SECRET = DevSecrets.load().sourceSecret("stripe");
    /** The admin token the platform's services run with (a test value: the dev token is accepted only in dev). */
    public static final String ADMIN_TOKEN = TestEnvironment.ADMIN_TOKEN;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI ingress;

    public Webhooks(Platform platform) {
        this.http = platform.http();
        this.ingress = platform.ingress();
    }

    /**
     * Reads a recorded provider payload from the worker's fixture library ({@code
     * worker-service/src/test/resources/fixtures}, on this module's test classpath), e.g. {@code "stripe/charge.dispute.created.json"}.
     */
    public static byte[] fixture(String name) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded {@code workflow_run} completion with its conclusion edited to failure: an error alert. */
    public static byte[] failedWorkflowRun() {
        String run = new String(fixture("github/workflow_run.completed.json"), StandardCharsets.UTF_8);
        String success = "\"conclusion\": \"success\"";
        if (!run.contains(success)) {
            throw new IllegalStateException("the workflow_run fixture no longer reads " + success);
        }
        return run.replace(success, "\"conclusion\": \"failure\"").getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a JSON response body. */
    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** The id of the event a webhook answer says was accepted; any answer but 202 fails the test. */
    public static long accepted(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.body());
        }
        return json(response.body()).path("id").asLong();
    }

    /** Waits until the worker has processed the event (its status in the admin API); returns its id. */
    public long awaitProcessed(long eventId, Duration deadline) {
        Awaitility.await("event " + eventId + " processed")
                .atMost(deadline)
                .until(
                        () -> json(admin("/api/events/" + eventId).body())
                                .path("status")
                                .asText(),
                        "processed"::equals);
        return eventId;
    }

    /** POST /api/webhooks/github with X-Hub-Signature-256 and a fresh delivery id. */
    public HttpResponse<String> github(String event, byte[] body) {
        return github(event, body, Map.of());
    }

    /** POST /api/webhooks/github as {@link #github(String, byte[])} does, with more headers. */
    public HttpResponse<String> github(String event, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingress.resolve("/api/webhooks/github"));
        headers.forEach(request::header);
        return send(request.header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/e2e")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header(GitHubSignature.HEADER, GitHubSignature.sign(GITHUB_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POST /api/webhooks/stripe with a Stripe-Signature for now. */
    public HttpResponse<String> stripe(byte[] body) {
        return send(HttpRequest.newBuilder(ingress.resolve("/api/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .header(StripeSignature.HEADER, StripeSignature.sign(STRIPE_SECRET, body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** An authenticated GET against the admin API. */
    public HttpResponse<String> admin(String path) {
        return send(HttpRequest.newBuilder(ingress.resolve(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .GET());
    }

    /** An authenticated call with a JSON body (or none) against the admin API. */
    public HttpResponse<String> admin(String method, String path, String json) {
        return send(HttpRequest.newBuilder(ingress.resolve(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * An admin API call with {@code body} written as JSON (null: none) that must answer {@code expected}; its answer
     * parsed.
     */
    public JsonNode admin(String method, String path, Object body, int expected) {
        HttpResponse<String> response;
        try {
            response = admin(method, path, body == null ? null : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not " + expected
                    + ": " + response.body());
        }
        return json(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
