package dev.opscenter.realtime.socket;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.realtime.catchup.FeedId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Locale;

/**
 * HandshakeFilter answers a socket upgrade with a bad or missing {@code token} (401) or a malformed {@code since}
 * (400) before it is upgraded, so a refused page sees an HTTP status rather than a socket that opens and closes.
 * Browsers cannot set headers on a WebSocket request, hence the token in the query.
 *
 * <p>It guards every request that asks for an upgrade, whatever its path: the router also answers spellings of
 * {@link LiveSocket#PATH} such as {@code /ws/}, which a filter on the path alone lets through unauthenticated.
 * Requests on the socket's own path are guarded even without the upgrade headers, so they get the same answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class HandshakeFilter {
    private static final String WEBSOCKET_KEY = "Sec-WebSocket-Key";

    private final AdminToken token;

    HandshakeFilter(AdminToken token) {
        this.token = token;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        if (!reachesTheSocket(request)) {
            return null; // plain HTTP elsewhere (health, metrics) never reaches a socket
        }
        if (!token.admits(request.getParameters().get("token"))) {
            return refuse(
                    request, HttpStatus.UNAUTHORIZED, "Unauthorized", "The token query parameter is missing or wrong.");
        }
        String since = request.getParameters().get("since");
        if (since != null && !since.isEmpty() && FeedId.parse(since).isEmpty()) {
            return refuse(
                    request, HttpStatus.BAD_REQUEST, "Bad Request", "since must be a feed id such as 1700000000000-0.");
        }
        return null;
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

    private static HttpResponse<Problem> refuse(
            HttpRequest<?> request, HttpStatus status, String title, String detail) {
        return Problem.response(status, title, detail, request.getPath());
    }
}
