package dev.opscenter.ingress.user;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.Role;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /api/users} (admins only): list, create, edit (name fixed; role, display name, disabled, password reset) and
 * delete. The last enabled admin can be neither demoted, disabled nor deleted, so the console always has one. A
 * disabled, deleted or re-passworded user is signed out everywhere at once.
 */
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
final class UserController {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    private static final int MAX_DISPLAY_NAME = 100;
    private static final int MAX_EMAIL = 320;
    /** One address, no display name: what the worker puts in To when a rule addresses the user. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]{1,255}");

    private final UserRepository users;
    private final Sessions sessions;
    private final Passwords passwords;
    private final AuditTrail audit;

    UserController(UserRepository users, Sessions sessions, Passwords passwords, AuditTrail audit) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Serdeable
    record Users(List<User> items) {}

    @Get
    Users list() {
        return new Users(users.list());
    }

    @Get("/{id}")
    User get(long id) {
        return find(id);
    }

    @Post
    HttpResponse<User> create(@Body UserInput in, HttpRequest<?> request) {
        FieldErrors errors = new FieldErrors();
        String username = in.username() == null ? null : in.username().trim().toLowerCase(Locale.ROOT);
        if (username == null || !NAME.matcher(username).matches()) {
            errors.add("username", "1 to 64 of a-z 0-9 . _ @ -, starting with a letter or digit");
        }
        Role role = role(in, errors);
        displayName(in, errors);
        String email = email(in, errors);
        String weakness = Passwords.weakness(in.password());
        if (weakness != null) {
            errors.add("password", weakness);
        }
        errors.throwIfAny();
        String hash = passwords.hash(in.password());
        return HttpResponse.created(audit.change(() -> {
            long id = users.insert(username, blankToNull(in.displayName()), email, role, hash)
                    .orElseThrow(() -> new ProblemException(
                            HttpStatus.CONFLICT, "Name taken", "a user named " + username + " exists"));
            if (Boolean.TRUE.equals(in.disabled())) {
                users.update(id, blankToNull(in.displayName()), email, role, true);
            }
            User created = find(id);
            audit.record(request, Action.CREATED, Resource.USER, id, username, null, created);
            return created;
        }));
    }

    @Put("/{id}")
    User update(long id, @Body UserInput in, HttpRequest<?> request) {
        User current = find(id);
        FieldErrors errors = new FieldErrors();
        if (in.username() != null
                && !in.username().trim().toLowerCase(Locale.ROOT).equals(current.username())) {
            errors.add("username", "cannot be changed; create a new user instead");
        }
        Role role = role(in, errors);
        displayName(in, errors);
        String email = email(in, errors);
        if (in.password() != null) {
            String weakness = Passwords.weakness(in.password());
            if (weakness != null) {
                errors.add("password", weakness);
            }
        }
        errors.throwIfAny();
        boolean disabled = Boolean.TRUE.equals(in.disabled());
        String hash = in.password() == null ? null : passwords.hash(in.password());
        return audit.change(() -> {
            if (role != Role.ADMIN || disabled) {
                keepAnAdmin(id, current);
            }
            users.update(id, blankToNull(in.displayName()), email, role, disabled);
            if (hash != null) {
                users.setPassword(id, hash); // the audit row says updated; the password is never in it
            }
            if (disabled || hash != null) {
                sessions.closeAll(id, null);
            }
            User updated = find(id);
            audit.record(request, Action.UPDATED, Resource.USER, id, current.username(), current, updated);
            return updated;
        });
    }

    @Delete("/{id}")
    HttpResponse<?> delete(long id, HttpRequest<?> request) {
        User current = find(id);
        audit.change(() -> {
            keepAnAdmin(id, current);
            users.delete(id);
            audit.record(request, Action.DELETED, Resource.USER, id, current.username(), current, null);
            return null;
        });
        return HttpResponse.noContent();
    }

    /** Refuses a change that would leave no enabled admin. */
    private void keepAnAdmin(long id, User current) {
        if (current.role().equals(Role.ADMIN.value()) && !current.disabled() && users.otherActiveAdmins(id) == 0) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "Last admin",
                    current.username() + " is the last enabled admin: make another user admin first");
        }
    }

    private User find(long id) {
        return users.find(id).orElseThrow(() -> ProblemException.notFound("user " + id));
    }

    private static Role role(UserInput in, FieldErrors errors) {
        Role role = in.role() == null ? null : Role.parse(in.role()).orElse(null);
        if (role == null) {
            errors.add("role", "one of admin, operator, viewer");
        }
        return role;
    }

    private static void displayName(UserInput in, FieldErrors errors) {
        if (in.displayName() != null && in.displayName().length() > MAX_DISPLAY_NAME) {
            errors.add("displayName", "at most " + MAX_DISPLAY_NAME + " characters");
        }
    }

    /** The e-mail address, trimmed; null when absent or blank. */
    private static String email(UserInput in, FieldErrors errors) {
        String email = blankToNull(in.email());
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add("email", "an e-mail address such as ana@example.com, at most " + MAX_EMAIL + " characters");
        }
        return email;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
