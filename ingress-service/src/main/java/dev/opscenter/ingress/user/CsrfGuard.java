package dev.opscenter.ingress.user;

import dev.opscenter.common.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Set;

/**
 * Refuses a cross-site request made with the session cookie (CSRF), on top of the cookie's SameSite=Strict: a change
 * sent with the cookie, and every sign-in, must carry {@value #HEADER}, which a page on another site can only send
 * after a CORS preflight that this server never grants, and must not be labelled cross-site by the browser
 * ({@code Sec-Fetch-Site}). Requests with {@code Authorization} (admin token, API keys) carry no ambient credential and
 * are not affected.
 */
@ServerFilter("/api/**")
final class CsrfGuard {
    /** The header the console sends on every change. */
    static final String HEADER = "X-Requested-With";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> SAME_SITE = Set.of("same-origin", "none");

    private final SessionSettings settings;

    CsrfGuard(SessionSettings settings) {
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> check(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return null;
        }
        boolean signIn = request.getPath().equals("/api/session/login");
        if (!signIn && request.getCookies().findCookie(settings.cookieName()).isEmpty()) {
            return null;
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !SAME_SITE.contains(site)) {
            return refuse(request, "a change with the session cookie must come from the console's own pages");
        }
        if (!request.getHeaders().contains(HEADER)) {
            return refuse(request, "send the " + HEADER + " header with a change made with the session cookie");
        }
        return null;
    }

    private static HttpResponse<Problem> refuse(HttpRequest<?> request, String detail) {
        return Problem.response(HttpStatus.FORBIDDEN, "Cross-site request refused", detail, request.getPath());
    }
}
