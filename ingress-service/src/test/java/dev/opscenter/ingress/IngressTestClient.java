package dev.opscenter.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.testing.TestEnvironment;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** IngressTestClient sends raw HTTP to a running ingress, returns status, content type and body as received, and reads JSON replies. */
public final class IngressTestClient {
    public static final String ADMIN_TOKEN = TestEnvironment.ADMIN_TOKEN;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final JsonMapper json;

    public IngressTestClient(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    /** What came back. */
    public record Reply(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        /** Of an answer as the client saw it. */
        public static Reply of(HttpResponse<String> r) {
            return new Reply(
                    r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), r.headers());
        }

        /** The header's first value, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Reply post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    public Reply post(String path, String body, Map<String, String> headers) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Reply admin(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(b.build());
    }

    /** Creates a console user with the admin token; returns its id. */
    public long createUser(String username, String role, String password) {
        Reply reply = admin(
                "POST",
                "/api/users",
                "{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"password\":\"" + password + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("creating user " + username + ": " + reply.status() + " " + reply.body());
        }
        return ((Number) map(reply).get("id")).longValue();
    }

    /** Signs in as the console does; the reply carries the session cookie when it worked. */
    public Reply signIn(String username, String password) {
        return post(
                "/api/session/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
                Map.of("Content-Type", "application/json", "X-Requested-With", "test"));
    }

    /** The {@code name=value} of the session cookie a sign-in set. */
    public static String sessionCookie(Reply signIn) {
        String setCookie = signIn.header("set-cookie");
        if (setCookie == null) {
            throw new IllegalStateException("no cookie set: " + signIn.status() + " " + signIn.body());
        }
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** A request as the signed-in console makes it: the cookie, and the header every change carries. */
    public Reply asUser(String cookie, String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Cookie", cookie)
                .header("X-Requested-With", "test")
                .header("Content-Type", "application/json")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return send(b.build());
    }

    public Reply get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    /** A GitHub webhook of this event type and delivery id to the source's slug, its JSON body signed with the secret. */
    public Reply github(String slug, String secret, String event, String delivery, String body) {
        return post(
                "/api/webhooks/" + slug,
                body,
                Map.of(
                        "Content-Type",
                        "application/json",
                        "X-GitHub-Event",
                        event,
                        "X-GitHub-Delivery",
                        delivery,
                        "X-Hub-Signature-256",
                        GitHubSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))));
    }

    /** A GitHub ping signed with this secret and delivery id, answered in full (headers too). */
    public HttpResponse<String> githubPing(String secret, String delivery) {
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/webhooks/gh"))
                .header("X-GitHub-Event", "ping")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", GitHubSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The reply's body as a JSON object; fails the test when it is not one. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(Reply reply) {
        try {
            return json.readValue(reply.body(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
    }

    /** The "items" of a 200 list reply. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return (List<Map<String, Object>>) map(reply).get("items");
    }

    /** The fields a 422 problem names in {@code errors[]}, in order; fails the test on any other reply. */
    @SuppressWarnings("unchecked")
    public List<String> invalidFields(Reply reply) {
        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        return ((List<Map<String, Object>>) map(reply).get("errors"))
                .stream().map(e -> (String) e.get("field")).toList();
    }

    private Reply send(HttpRequest request) {
        try {
            return Reply.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
