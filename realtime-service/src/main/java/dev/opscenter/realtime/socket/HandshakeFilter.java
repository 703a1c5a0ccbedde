package dev.opscenter.realtime.socket;

import dev.opscenter.common.crypto.Hmac;
import dev.opscenter.common.problem.Problem;
import dev.opscenter.realtime.catchup.FeedId;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;

/**
 * HandshakeFilter answers a socket upgrade with a bad or missing {@code token} (401) or a malformed {@code since}
 * (400) before it is upgraded, so a refused page sees an HTTP status rather than a socket that opens and closes.
 * Browsers cannot set headers on a WebSocket request, hence the token in the query.
 */
@ServerFilter(LiveSocket.PATH)
final class HandshakeFilter {
    private final byte[] adminToken;

    HandshakeFilter(@Value("${opscenter.admin-token}") String adminToken) {
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        String token = request.getParameters().get("token");
        // the expected token goes first: the comparison's time then depends on its length only, not on the guess
        if (token == null || !Hmac.constantTimeEquals(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return refuse(request, HttpStatus.UNAUTHORIZED, "Unauthorized", "The token query parameter is missing or wrong.");
        }
        String since = request.getParameters().get("since");
        if (since != null && !since.isEmpty() && FeedId.parse(since).isEmpty()) {
            return refuse(request, HttpStatus.BAD_REQUEST, "Bad Request", "since must be a feed id such as 1700000000000-0.");
        }
        return null;
    }

    private static HttpResponse<Problem> refuse(HttpRequest<?> request, HttpStatus status, String title, String detail) {
        Problem problem = new Problem("about:blank", title, status.getCode(), detail, request.getPath(), null);
        return HttpResponse.<Problem>status(status).contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
