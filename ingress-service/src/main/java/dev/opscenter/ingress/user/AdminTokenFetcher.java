package dev.opscenter.ingress.user;

import dev.opscenter.ingress.ratelimit.AuthFailures;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.reactivestreams.Publisher;

/**
 * Authenticates automation by {@code Authorization: Bearer <admin token>}, as an admin named {@value
 * Principals#ADMIN_TOKEN}. A wrong token counts as a failed sign-in ({@link AuthFailures}). Routes that authenticate
 * by themselves (webhook signatures, API keys in the same header) are not looked at.
 */
@Singleton
final class AdminTokenFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private final byte[] token;
    private final AuthFailures failures;

    AdminTokenFetcher(@Value("${opscenter.admin-token}") String token, AuthFailures failures) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.failures = failures;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null
                || !(AccessPolicy.need(request.getMethod(), request.getPath()) instanceof AccessPolicy.Need.AtLeast)) {
            return Publishers.empty();
        }
        if (token.length > 0
                && header.startsWith("Bearer ")
                && MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            return Publishers.just(Principals.ofAdminToken());
        }
        failures.failed(request, "admin token", "wrong token");
        return Publishers.empty();
    }
}
