package dev.opscenter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** AdminCalls sends JSON to the ingress admin API with the admin token and fails loudly on an unexpected status. */
final class AdminCalls {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final HttpClient http;
    private final URI ingress;
    private final String token;

    /** The HTTP/1.1 client the tools talk to the stack with (5 s to connect). */
    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    AdminCalls(HttpClient http, URI ingress, String token) {
        this.http = http;
        this.ingress = ingress;
        this.token = token;
    }

    /** POST, expecting 201; returns the new resource's id. */
    long create(String path, String json) throws IOException, InterruptedException {
        return id(send("POST", path, json, 201));
    }

    String post(String path, String json, int expected) throws IOException, InterruptedException {
        return send("POST", path, json, expected);
    }

    String put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, json, 200);
    }

    String get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, 200);
    }

    void delete(String path) throws IOException, InterruptedException {
        send("DELETE", path, null, 204);
    }

    private String send(String method, String path, String json, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingress.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static long id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalArgumentException("no id in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    /** A JSON string literal; the run only sends names and recipients it made up, but quoting keeps the body valid. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String array(List<String> texts) {
        return texts.stream().map(AdminCalls::quote).collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
