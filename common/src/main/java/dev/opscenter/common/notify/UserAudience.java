package dev.opscenter.common.notify;

import dev.opscenter.common.vocabulary.Role;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * UserAudience is the console users a rule addresses ({@code notification_rules.audience}): {@code all}, or those of one
 * role, {@code role:operator}. Disabled users are never part of it. Ingress validates it, the worker fans out to its
 * users, and a console toast carries its role so only consoles signed in with that role show it.
 *
 * @param role the role addressed; null for every user
 */
public record UserAudience(@Nullable String role) {
    /** Every enabled user. */
    public static final UserAudience ALL = new UserAudience(null);

    private static final String ROLE_PREFIX = "role:";

    /** The audience a stored or sent value names; empty for anything else. */
    public static Optional<UserAudience> parse(@Nullable String value) {
        if ("all".equals(value)) {
            return Optional.of(ALL);
        }
        if (value != null
                && value.startsWith(ROLE_PREFIX)
                && Role.parse(value.substring(ROLE_PREFIX.length())).isPresent()) {
            return Optional.of(new UserAudience(value.substring(ROLE_PREFIX.length())));
        }
        return Optional.empty();
    }

    /** The stored form: {@code all} or {@code role:<role>}. */
    public String value() {
        return role == null ? "all" : ROLE_PREFIX + role;
    }
}
