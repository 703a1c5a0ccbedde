package dev.opscenter.ingress.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every response, dashboard file or API answer, tells the browser what the page may load and that it is never framed. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersIT extends IngressIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("opscenter.realtime.public-url", "wss://live.example.com/ws");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The chart library is served from the jar (its webjar), as a script, with no network at run time. */
    @org.junit.jupiter.api.Test
    void theVendoredChartLibraryIsServedFromTheJar() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/vendor/chart.js/chart.umd.js");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Chart.js v4.4.1"), "the library's banner");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("javascript"));
    }

    /** The feed's renderer and the JSON lexer come from their webjars too, as scripts (modules need the type). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/vendor/lit-html/lit-html.js",
                "/vendor/lit-html/directives/repeat.js",
                "/vendor/lit-html/directive.js",
                "/vendor/lit-html/directive-helpers.js",
                "/vendor/prismjs/prism-core.min.js",
                "/vendor/prismjs/prism-json.min.js"
            })
    void theOtherVendoredLibrariesAreServedFromTheJar(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("javascript"), path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/index.html",
                "/app.js",
                "/styles.css",
                "/api/ui-config",
                "/api/sources",
                "/api/no-such-thing"
            })
    void sendsTheSecurityHeaders(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);

        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElse(null),
                path);
        assertEquals(
                "no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null), path);
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null), path);
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("object-src 'none'"), csp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/ui-config"})
    void letsThePageReachTheConfiguredLiveSocketOnly(String path) throws IOException, InterruptedException {
        String csp = get(path).headers().firstValue("Content-Security-Policy").orElse("");

        assertTrue(csp.contains("connect-src 'self' wss://live.example.com;"), csp);
    }
}
