package dev.opscenter.ingress.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient;
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
    static final Set<String> PUBLIC =
            Set.of("POST /api/webhooks/{slug}", "GET /api/ui-config", "HEAD /api/ui-config", "POST /api/session/login");

    /** The changes a viewer may make: its own session, and evaluations that change nothing. */
    static final Set<String> VIEWER_MAY = Set.of(
            "POST /api/session/logout",
            "POST /api/session/ticket",
            "POST /api/session/password",
            "POST /api/notification-rules/dry-run",
            "POST /api/notification-templates/{id}/preview",
            "POST /api/notification-templates/preview");

    /** The changes an operator may make on top: triage and recovery, never configuration or users. */
    static final Set<String> OPERATOR_MAY = Set.of(
            "POST /api/alerts/read",
            "POST /api/alerts/{id}/acknowledge",
            "POST /api/alerts/{id}/resolve",
            "POST /api/alerts/{id}/reopen",
            "POST /api/events/{id}/replay",
            "POST /api/events/replay-failed",
            "POST /api/notification-logs/retry",
            "POST /api/notification-logs/{id}/retry",
            "POST /api/deliveries/{id}/retry",
            "POST /api/subscriptions/{id}/retry-failed",
            "POST /api/subscriptions/{id}/test",
            "POST /api/silences",
            "PUT /api/silences/{id}",
            "POST /api/silences/{id}/expire");

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
            int status = send(http, route, null, null);
            if (status != 401) {
                open.add(name(route) + " -> " + status);
            }
        }
        assertEquals(List.of(), open, "routes that answered without credentials");
    }

    /**
     * Signed in as a viewer and as an operator, every route answers 403 exactly when the role may not use it: reads
     * are open to both except users and the audit log, and only the changes listed above are allowed.
     */
    @Test
    void eachRoleIsRefusedWith403ExactlyTheRoutesItMayNotUse() throws Exception {
        IngressTestClient setup = new IngressTestClient(server.getURI(), json);
        setup.createUser("route-viewer", "viewer", "route viewer password");
        setup.createUser("route-operator", "operator", "route operator password");
        Map<String, String> cookies = Map.of(
                "viewer", IngressTestClient.sessionCookie(setup.signIn("route-viewer", "route viewer password")),
                "operator", IngressTestClient.sessionCookie(setup.signIn("route-operator", "route operator password")));
        HttpClient http = HttpClient.newHttpClient();
        List<String> wrong = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api"))
                .toList()) {
            String name = name(route);
            if (PUBLIC.contains(name)
                    || name.equals("POST /api/events")
                    || name.endsWith("/logout")
                    || name.endsWith("/password")) {
                continue; // public, by API key only, or would end the session the loop goes on with
            }
            boolean read = name.startsWith("GET ") || name.startsWith("HEAD ");
            boolean adminOnly = name.matches("\\w+ /api/(users|audit)(/.*)?");
            for (String role : List.of("viewer", "operator")) {
                boolean may = !adminOnly
                        && (read
                                || VIEWER_MAY.contains(name)
                                || (role.equals("operator") && OPERATOR_MAY.contains(name)));
                int status = send(http, route, null, cookies.get(role));
                if ((status == 403) == may || status == 401) {
                    wrong.add(role + " " + name + " -> " + status);
                }
            }
        }
        assertEquals(List.of(), wrong, "routes whose answer does not match the role's rights");
    }

    @Test
    void aWrongTokenIsRefusedLikeNone() throws Exception {
        UriRouteInfo<?, ?> alerts = router.uriRoutes()
                .filter(r -> name(r).equals("GET /api/alerts"))
                .findFirst()
                .orElseThrow();
        assertEquals(401, send(HttpClient.newHttpClient(), alerts, "Bearer not-the-admin-token", null));
    }

    private int send(HttpClient http, UriRouteInfo<?, ?> route, String authorization, String cookie)
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
        if (cookie != null) {
            request.header("Cookie", cookie).header("X-Requested-With", "test");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String name(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate();
    }
}
