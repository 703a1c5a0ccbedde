package dev.opscenter.ingress.user;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Authenticates an API request by its session cookie, looked up in PostgreSQL off the event loop. A request that also
 * sends {@code Authorization} is left to the admin token; routes that need no one are not looked up at all.
 */
@Singleton
final class SessionCookieFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private final Sessions sessions;
    private final SessionSettings settings;
    private final ExecutorService blocking;

    SessionCookieFetcher(
            Sessions sessions, SessionSettings settings, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sessions = sessions;
        this.settings = settings;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<Cookie> cookie = request.getCookies().findCookie(settings.cookieName());
        if (cookie.isEmpty()
                || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || !(AccessPolicy.need(request.getMethod(), request.getPath()) instanceof AccessPolicy.Need.AtLeast)) {
            return Publishers.empty();
        }
        String token = cookie.get().getValue();
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> sessions.find(token).map(Principals::ofSession).orElse(null), blocking));
    }
}
