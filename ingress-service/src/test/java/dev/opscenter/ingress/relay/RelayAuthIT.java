package dev.opscenter.ingress.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every relay route answers 401 without the admin token, and changes nothing. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayAuthIT extends IngressIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void empty() throws SQLException {
        sql("TRUNCATE subscriptions CASCADE");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /api/subscriptions",
        "POST, /api/subscriptions",
        "GET, /api/subscriptions/1",
        "PUT, /api/subscriptions/1",
        "DELETE, /api/subscriptions/1",
        "POST, /api/subscriptions/1/rotate-secret",
        "POST, /api/subscriptions/1/retry-failed",
        "POST, /api/subscriptions/1/test",
        "GET, /api/subscriptions/1/health",
        "GET, /api/deliveries",
        "GET, /api/deliveries/1",
        "POST, /api/deliveries/1/retry"
    })
    void routeNeedsTheAdminToken(String method, String path) throws IOException, InterruptedException, SQLException {
        String body = "{\"name\":\"x\",\"eventTypes\":[\"*\"],\"url\":\"https://receiver.example/in\"}";
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(server.getURI().resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer wrong-token")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, reply.statusCode(), reply.body());
        assertTrue(reply.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        assertEquals(0, count("SELECT count(*) FROM subscriptions"));
    }
}
