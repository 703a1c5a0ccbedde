package dev.opscenter.ingress.api;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.ingress.ratelimit.AuthFailures;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin API with {@code Authorization: Bearer <admin token>}. Webhook receiving authenticates by
 * signature instead, triggering an event ({@code POST /api/events}) by API key in its own controller, and the UI
 * config is public because the page needs it before sign-in.
 */
@ServerFilter("/api/**")
final class AdminTokenFilter {
    private final byte[] token;
    private final AuthFailures failures;

    AdminTokenFilter(@Value("${opscenter.admin-token}") String token, AuthFailures failures) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.failures = failures;
    }

    @RequestFilter
    @Nullable
    HttpResponse<Problem> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/api/webhooks/")
                || path.equals("/api/ui-config")
                || (request.getMethod() == HttpMethod.POST && path.equals("/api/events"))) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null
                && header.startsWith("Bearer ")
                && MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            request.setAttribute(Actor.ATTRIBUTE, Actor.ADMIN_TOKEN);
            return null;
        }
        failures.failed(request, "admin token", header == null ? "no Authorization header" : "wrong token");
        return Problem.response(
                        HttpStatus.UNAUTHORIZED, "Unauthorized", "send Authorization: Bearer <admin token>", path)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
