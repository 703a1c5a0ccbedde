package dev.opscenter.realtime.socket;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.realtime.catchup.FeedId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Locale;

/**
 * HandshakeFilter admits a socket upgrade that carries a {@code ticket} from ingress ({@link Tickets}) or an
 * {@code Authorization: Bearer <admin token>} header ({@link AdminToken}), and answers any other with 401, a
 * malformed {@code since} with 400 and a ticket it cannot check with 503, all before the upgrade, so a refused page
 * sees an HTTP status rather than a socket that opens and closes. There is no token parameter: a secret in a URL
 * ends up in proxy and access logs. The admitted {@link Admission.Admitted viewer} becomes the request's principal,
 * which the socket reads as {@code session.getUserPrincipal()}.
 *
 * <p>It guards every request that asks for an upgrade, whatever its path: the router also answers spellings of
 * {@link LiveSocket#PATH} such as {@code /ws/}, which a filter on the path alone lets through unauthenticated.
 * Requests on the socket's own path are guarded even without the upgrade headers, so they get the same answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class HandshakeFilter {
    static final String REFUSED = "Send a ticket from POST /api/session/ticket or Authorization: Bearer <admin token>.";

    private static final String WEBSOCKET_KEY = "Sec-WebSocket-Key";
    private static final String BEARER = "Bearer ";

    private final AdminToken token;
    private final Tickets tickets;

    HandshakeFilter(AdminToken token, Tickets tickets) {
        this.token = token;
        this.tickets = tickets;
    }

    /**
     * Runs on the blocking executor: redeeming a ticket is a Redis call, never made on the event loop. (A
     * {@code CompletableFuture} that completes later with null, to proceed, would keep it on the loop, but Micronaut
     * then never answers the upgrade.)
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (!reachesTheSocket(request)) {
            return null; // plain HTTP elsewhere (health, metrics) never reaches a socket
        }
        return switch (admission(request)) {
            case Admission.Admitted admitted -> admit(request, admitted);
            case Admission.Refused refused -> refuse(request, HttpStatus.UNAUTHORIZED, "Unauthorized", REFUSED);
            case Admission.Unavailable unavailable ->
                refuse(
                        request,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Service Unavailable",
                        "The ticket cannot be checked now; ask for a new one and retry.");
        };
    }

    /** The header first: it needs no Redis call, and automation that sends it sends no ticket. */
    private Admission admission(HttpRequest<?> request) {
        if (token.admits(bearer(request))) {
            return new Admission.Admitted(AdminToken.VIEWER);
        }
        String ticket = request.getParameters().get("ticket");
        return ticket == null ? new Admission.Refused() : tickets.redeem(ticket);
    }

    private static @Nullable HttpResponse<?> admit(HttpRequest<?> request, Admission.Admitted viewer) {
        String since = request.getParameters().get("since");
        if (since != null && !since.isEmpty() && FeedId.parse(since).isEmpty()) {
            return refuse(
                    request, HttpStatus.BAD_REQUEST, "Bad Request", "since must be a feed id such as 1700000000000-0.");
        }
        request.setAttribute(HttpAttributes.PRINCIPAL, viewer);
        return null;
    }

    private static @Nullable String bearer(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    /**
     * A WebSocket upgrade (any letter case, any path), or anything on the socket's path. Other upgrades, such as the
     * {@code Upgrade: h2c} that HTTP/2-capable clients offer on every plain request, never reach a socket.
     */
    private static boolean reachesTheSocket(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        return headers.contains(WEBSOCKET_KEY)
                || headers.getAll(HttpHeaders.UPGRADE).stream()
                        .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("websocket"))
                || request.getPath().equals(LiveSocket.PATH);
    }

    private static HttpResponse<?> refuse(HttpRequest<?> request, HttpStatus status, String title, String detail) {
        return Problem.response(status, title, detail, request.getPath());
    }
}
