package dev.opscenter.ingress.user;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.redis.SharedRedis;
import dev.opscenter.common.session.LiveTickets;
import dev.opscenter.common.vocabulary.Role;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.lettuce.core.SetArgs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;

/**
 * {@code /api/session}: who is signed in, sign-out, a ticket for the live socket and a change of one's own password.
 * Sign-in itself is micronaut-security's login endpoint at {@code POST /api/session/login}.
 */
@Controller("/api/session")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SessionController {
    private final Sessions sessions;
    private final SessionSettings settings;
    private final SessionLoginHandler cookies;
    private final UserRepository users;
    private final Passwords passwords;
    private final SharedRedis redis;
    private final RedisKeys keys;
    private final AuditTrail audit;

    SessionController(
            Sessions sessions,
            SessionSettings settings,
            SessionLoginHandler cookies,
            UserRepository users,
            Passwords passwords,
            SharedRedis redis,
            RedisKeys keys,
            AuditTrail audit) {
        this.sessions = sessions;
        this.settings = settings;
        this.cookies = cookies;
        this.users = users;
        this.passwords = passwords;
        this.redis = redis;
        this.keys = keys;
        this.audit = audit;
    }

    /** Who the caller is: name, role and whether by session or admin token. */
    @Serdeable
    record Me(String username, String role, String via) {
        static Me of(Authentication authentication) {
            return new Me(
                    authentication.getName(),
                    Principals.role(authentication).map(Role::value).orElse("none"),
                    String.valueOf(authentication.getAttributes().getOrDefault(Principals.VIA, "session")));
        }
    }

    /** A live-socket ticket: open {@code <realtime>/ws?ticket=…} within {@code expiresInSeconds}, once. */
    @Serdeable
    record Ticket(String ticket, long expiresInSeconds) {}

    /** A change of one's own password. */
    @Serdeable
    record PasswordChange(
            @Nullable String currentPassword, @Nullable String newPassword) {}

    @Get
    Me me(Authentication caller) {
        return Me.of(caller);
    }

    /** Ends this browser's session and deletes its cookie. */
    @Post("/logout")
    MutableHttpResponse<?> logout(HttpRequest<?> request) {
        request.getCookies().findCookie(settings.cookieName()).ifPresent(c -> sessions.close(c.getValue()));
        return HttpResponse.noContent().cookie(cookies.cookie("", Duration.ZERO));
    }

    @Post("/ticket")
    Ticket ticket(Authentication caller) {
        String ticket = LiveTickets.newTicket();
        String role = Principals.role(caller).map(Role::value).orElseThrow();
        redis.sync()
                .set(
                        keys.liveTicket(LiveTickets.hash(ticket)),
                        LiveTickets.value(role, caller.getName()),
                        SetArgs.Builder.ex(LiveTickets.TTL));
        return new Ticket(ticket, LiveTickets.TTL.toSeconds());
    }

    /** Changes the signed-in user's password and ends the user's other sessions. */
    @Post("/password")
    HttpResponse<?> changePassword(@Body PasswordChange change, Authentication caller, HttpRequest<?> request) {
        long userId = Principals.userId(caller)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.CONFLICT, "No password", "the admin token has no password to change"));
        UserRepository.Credentials current = users.credentials(caller.getName()).orElseThrow();
        String given = change.currentPassword() == null ? "" : change.currentPassword();
        if (given.length() > Passwords.MAX_LENGTH || !passwords.matches(given, current.passwordHash())) {
            throw ProblemException.invalid("currentPassword", "is not your current password");
        }
        String weakness = Passwords.weakness(change.newPassword());
        if (weakness != null) {
            throw ProblemException.invalid("newPassword", weakness);
        }
        String hash = passwords.hash(change.newPassword());
        audit.change(() -> {
            users.setPassword(userId, hash);
            audit.record(request, Action.PASSWORD_CHANGED, Resource.USER, userId, caller.getName(), null, null);
            return null;
        });
        sessions.closeAll(
                userId,
                request.getCookies()
                        .findCookie(settings.cookieName())
                        .map(c -> c.getValue())
                        .orElse(null));
        return HttpResponse.noContent();
    }
}
