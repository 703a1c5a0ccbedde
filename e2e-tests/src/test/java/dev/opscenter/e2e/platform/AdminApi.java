package dev.opscenter.e2e.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to ingress with a bearer credential: the admin token for the admin API, an API key for triggers. */
public final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI ingress;

    public AdminApi(Platform platform) {
        this.http = platform.http();
        this.ingress = platform.ingress();
    }

    /** POST with the admin token, requiring 201, and returns the created resource. */
    public JsonNode create(String path, Object body) {
        HttpResponse<String> response = post(path, Webhooks.ADMIN_TOKEN, body);
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Webhooks.json(response.body());
    }

    /** GET with the admin token, requiring 200. */
    public JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(ingress.resolve(path))
                .header("Authorization", "Bearer " + Webhooks.ADMIN_TOKEN)
                .GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Webhooks.json(response.body());
    }

    /** POST of a JSON body with the given bearer credential, whatever the answer. */
    public HttpResponse<String> post(String path, String bearer, Object body) {
        return send(HttpRequest.newBuilder(ingress.resolve(path))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable: " + body, e);
        }
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
