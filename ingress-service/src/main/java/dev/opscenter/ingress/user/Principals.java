package dev.opscenter.ingress.user;

import dev.opscenter.common.vocabulary.Role;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The micronaut-security {@link Authentication} of OpsCenter's callers: its name is who acts (a user's name, or
 * {@value #ADMIN_TOKEN}), its one role is a {@link Role} value and {@value #VIA} says how it signed in.
 */
public final class Principals {
    /** The name of requests made with the admin token. */
    public static final String ADMIN_TOKEN = "admin token";
    /** Attribute: {@code session} or {@code token}. */
    static final String VIA = "via";
    /** Attribute: the user's id, for sessions. */
    static final String USER_ID = "userId";

    private Principals() {}

    static Authentication ofSession(Sessions.SessionUser user) {
        return Authentication.build(
                user.username(), List.of(user.role().value()), Map.of(VIA, "session", USER_ID, user.userId()));
    }

    static Authentication ofAdminToken() {
        return Authentication.build(ADMIN_TOKEN, List.of(Role.ADMIN.value()), Map.of(VIA, "token"));
    }

    /** The caller's role; the highest when several are named. */
    public static Optional<Role> role(Authentication authentication) {
        return authentication.getRoles().stream()
                .map(Role::parse)
                .flatMap(Optional::stream)
                .max(Enum::compareTo);
    }

    /** The signed-in user's id, absent for the admin token. */
    static Optional<Long> userId(Authentication authentication) {
        return authentication.getAttributes().get(USER_ID) instanceof Number id
                ? Optional.of(id.longValue())
                : Optional.empty();
    }
}
