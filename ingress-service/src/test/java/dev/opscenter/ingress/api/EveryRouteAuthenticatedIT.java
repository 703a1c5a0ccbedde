package dev.opscenter.ingress.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route under {@code /api}, read from the router itself (so a route added later is covered without editing
 * this test), answers 401 without credentials — except those public by design: webhooks (authenticated by their
 * signature) and the page's realtime address (GET, and the HEAD the router derives from it).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryRouteAuthenticatedIT extends IngressIT {
    static final Set<String> PUBLIC = Set.of("POST /api/webhooks/{slug}", "GET /api/ui-config", "HEAD /api/ui-config");

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        // one client sends a hundred unauthenticated requests here: the failed-authentication throttle would answer
        // 429 to the later ones
        return propertiesWith("opscenter.auth-throttle.max-failures", "100000");
    }

    @Test
    void everyApiRouteButThePublicOnesAnswers401WithoutCredentials() throws Exception {
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api"))
                .toList();
        List<String> names =
                routes.stream().map(EveryRouteAuthenticatedIT::name).toList();
        assertTrue(names.size() > 50, "the router lists the API's routes: " + names);
        assertTrue(names.containsAll(PUBLIC), "the public routes are still there: " + names);

        HttpClient http = HttpClient.newHttpClient();
        List<String> open = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : routes) {
            if (PUBLIC.contains(name(route))) {
                continue;
            }
            int status = send(http, route, null);
            if (status != 401) {
                open.add(name(route) + " -> " + status);
            }
        }
        assertEquals(List.of(), open, "routes that answered without credentials");
    }

    @Test
    void aWrongTokenIsRefusedLikeNone() throws Exception {
        UriRouteInfo<?, ?> alerts = router.uriRoutes()
                .filter(r -> name(r).equals("GET /api/alerts"))
                .findFirst()
                .orElseThrow();
        assertEquals(401, send(HttpClient.newHttpClient(), alerts, "Bearer not-the-admin-token"));
    }

    private int send(HttpClient http, UriRouteInfo<?, ?> route, String authorization)
            throws IOException, InterruptedException {
        Map<String, Object> values = new HashMap<>();
        route.getUriMatchTemplate().getVariableNames().forEach(v -> values.put(v, "1"));
        String path = route.getUriMatchTemplate().expand(values);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Content-Type", "application/json")
                .method(route.getHttpMethodName(), HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String name(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate();
    }
}
