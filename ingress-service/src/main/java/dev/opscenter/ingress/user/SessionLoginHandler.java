package dev.opscenter.ingress.user;

import dev.opscenter.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.LoginHandler;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * What micronaut-security's login endpoint answers. A sign-in opens a session and sets its cookie: HttpOnly (no
 * script reads it), SameSite=Strict (no other site's page sends it) and Secure unless configured off for plain-HTTP
 * local runs; the body says who signed in. A failure is a 401 problem that never says which part was wrong.
 */
@Singleton
final class SessionLoginHandler implements LoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {
    private final Sessions sessions;
    private final SessionSettings settings;

    SessionLoginHandler(Sessions sessions, SessionSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        long userId = Principals.userId(authentication).orElseThrow();
        String token = sessions.open(userId);
        return HttpResponse.ok(SessionController.Me.of(authentication)).cookie(cookie(token, settings.maxAge()));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(
            Authentication authentication, String refreshToken, HttpRequest<?> request) {
        throw new UnsupportedOperationException("sessions are not refreshed by token");
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
        return Problem.response(HttpStatus.UNAUTHORIZED, "Sign-in failed", "wrong name or password", request.getPath());
    }

    /** The session cookie with this value; an empty value with no age deletes it. */
    Cookie cookie(String value, Duration maxAge) {
        return Cookie.of(settings.cookieName(), value)
                .httpOnly(true)
                .secure(settings.secureCookie())
                .sameSite(SameSite.Strict)
                .path("/")
                .maxAge(maxAge);
    }
}
