package dev.opscenter.ingress.user;

import dev.opscenter.common.vocabulary.Role;
import io.micronaut.http.HttpMethod;
import java.util.List;
import java.util.regex.Pattern;

/**
 * AccessPolicy says, for every request, who may make it: the one table of the API's permissions (docs/security.md,
 * "Who may do what"). Under {@code /api}: a few routes authenticate by themselves ({@link Need#OPEN}); reading needs
 * any signed-in role, acting on alerts, events, notifications, deliveries and silences needs an operator, users and the
 * audit log need an admin, and every other change needs an admin too, so a route added later is admin-only until it is
 * listed here. Outside {@code /api} (the dashboard's files) GET and HEAD are open and nothing else is.
 */
public final class AccessPolicy {
    /** What a request needs. */
    public sealed interface Need {
        /** Anyone: the route authenticates by itself (signature, API key) or must work before sign-in. */
        Need OPEN = new Open();

        /** Not an API route: static files answer GET and HEAD; anything else has no route to reach. */
        Need FILES = new Files();

        /** At least this role. */
        record AtLeast(Role role) implements Need {}

        /** See {@link #OPEN}. */
        record Open() implements Need {}

        /** See {@link #FILES}. */
        record Files() implements Need {}
    }

    private static final String ID = "[0-9]+";

    /** Routes that authenticate by themselves or serve the sign-in page, by method. */
    private static final List<Route> OPEN = List.of(
            new Route(HttpMethod.POST, "/api/webhooks/[A-Za-z0-9_-]{1,64}"),
            new Route(HttpMethod.POST, "/api/events"),
            new Route(HttpMethod.GET, "/api/ui-config"),
            new Route(HttpMethod.HEAD, "/api/ui-config"),
            new Route(HttpMethod.POST, "/api/session/login"));

    /** Changes a viewer may make: its own session. */
    private static final List<Route> VIEWER_ACTIONS = List.of(
            new Route(HttpMethod.POST, "/api/session/logout"),
            new Route(HttpMethod.POST, "/api/session/ticket"),
            new Route(HttpMethod.POST, "/api/session/password"),
            // these change nothing: they render or evaluate what was sent
            new Route(HttpMethod.POST, "/api/notification-rules/dry-run"),
            new Route(HttpMethod.POST, "/api/notification-templates/" + ID + "/preview"),
            new Route(HttpMethod.POST, "/api/notification-templates/preview"));

    /** Changes an operator may make: triage and recovery, never configuration. */
    private static final List<Route> OPERATOR_ACTIONS = List.of(
            new Route(HttpMethod.POST, "/api/alerts/read"),
            new Route(HttpMethod.POST, "/api/alerts/" + ID + "/(acknowledge|resolve|reopen)"),
            new Route(HttpMethod.POST, "/api/events/" + ID + "/replay"),
            new Route(HttpMethod.POST, "/api/events/replay-failed"),
            new Route(HttpMethod.POST, "/api/notification-logs/retry"),
            new Route(HttpMethod.POST, "/api/notification-logs/" + ID + "/retry"),
            new Route(HttpMethod.POST, "/api/deliveries/" + ID + "/retry"),
            new Route(HttpMethod.POST, "/api/subscriptions/" + ID + "/(retry-failed|test)"),
            new Route(HttpMethod.POST, "/api/silences"),
            new Route(HttpMethod.PUT, "/api/silences/" + ID),
            new Route(HttpMethod.POST, "/api/silences/" + ID + "/expire"));

    /** Reads only an admin may make. */
    private static final Pattern ADMIN_READS = Pattern.compile("/api/(users|audit)(/.*)?");

    private AccessPolicy() {}

    /** What a request with this method and (undecoded) path needs. */
    public static Need need(HttpMethod method, String path) {
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Need.FILES;
        }
        if (!plain(path)) {
            return new Need.AtLeast(Role.ADMIN); // dot segments, empty segments, escapes: never anything less
        }
        if (matches(OPEN, method, path)) {
            return Need.OPEN;
        }
        if (ADMIN_READS.matcher(path).matches()) {
            return new Need.AtLeast(Role.ADMIN);
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || matches(VIEWER_ACTIONS, method, path)) {
            return new Need.AtLeast(Role.VIEWER);
        }
        if (matches(OPERATOR_ACTIONS, method, path)) {
            return new Need.AtLeast(Role.OPERATOR);
        }
        return new Need.AtLeast(Role.ADMIN);
    }

    /** Whether a path is only plain segments: no {@code .} or {@code ..}, no empty segment, no escape. */
    static boolean plain(String path) {
        return !path.contains("//")
                && !path.contains("%")
                && !path.contains("\\")
                && !path.contains("/./")
                && !path.contains("/../")
                && !path.endsWith("/.")
                && !path.endsWith("/..");
    }

    private static boolean matches(List<Route> routes, HttpMethod method, String path) {
        for (Route route : routes) {
            if (route.method == method && route.path.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private record Route(HttpMethod method, Pattern path) {
        Route(HttpMethod method, String regex) {
            this(method, Pattern.compile(regex));
        }
    }
}
