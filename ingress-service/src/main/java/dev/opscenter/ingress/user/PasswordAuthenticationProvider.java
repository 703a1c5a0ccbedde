package dev.opscenter.ingress.user;

import dev.opscenter.ingress.ratelimit.AuthFailures;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a user's name and password for micronaut-security's login endpoint ({@code POST /api/session/login}), on the
 * blocking executor (Argon2 takes tens of milliseconds on purpose). Every failure answers the same "wrong name or
 * password", whether the name exists, is disabled or the password is wrong, and counts against the client in
 * {@link AuthFailures}.
 */
@Singleton
final class PasswordAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    /**
     * Looked up on first use: micronaut-security instantiates every provider while deciding whether its authenticator
     * exists, which happens while the JDBC beans are being created, so a database bean here would be a cycle.
     */
    private final Provider<UserRepository> users;

    private final Passwords passwords;
    private final AuthFailures failures;

    PasswordAuthenticationProvider(Provider<UserRepository> users, Passwords passwords, AuthFailures failures) {
        this.users = users;
        this.passwords = passwords;
        this.failures = failures;
    }

    @Override
    public @NonNull AuthenticationResponse authenticate(
            @Nullable HttpRequest<B> request, @NonNull AuthenticationRequest<String, String> credentials) {
        String name = credentials.getIdentity() == null
                ? ""
                : credentials.getIdentity().trim().toLowerCase(Locale.ROOT);
        String password = credentials.getSecret() == null ? "" : credentials.getSecret();
        boolean bounded = name.length() <= 64 && password.length() <= Passwords.MAX_LENGTH;
        var user = bounded ? users.get().credentials(name) : java.util.Optional.<UserRepository.Credentials>empty();
        boolean ok = bounded
                && passwords.matches(
                        password,
                        user.map(UserRepository.Credentials::passwordHash).orElse(null));
        if (!ok || user.get().disabled()) {
            if (request != null) {
                failures.failed(request, "sign-in", "wrong name or password for " + (bounded ? name : "(too long)"));
            }
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        UserRepository.Credentials found = user.get();
        users.get().signedIn(found.id());
        return AuthenticationResponse.success(
                found.username(),
                List.of(found.role().value()),
                Map.of(Principals.VIA, "session", Principals.USER_ID, found.id()));
    }
}
