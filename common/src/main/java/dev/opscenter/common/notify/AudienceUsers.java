package dev.opscenter.common.notify;

import dev.opscenter.common.sql.Params;

/**
 * AudienceUsers is where an audience's e-mails come from, one SQL clause for the worker's fan-out (its count and its
 * chunks) and for a rule's dry-run: the enabled users of the audience's role (of any role for {@code all}) that have an
 * e-mail address.
 */
public final class AudienceUsers {
    /** {@code FROM users WHERE …}, with a {@code :role} parameter from {@link #params}. */
    public static final String FROM = """
            FROM users WHERE NOT disabled AND email IS NOT NULL AND email <> ''
             AND (CAST(:role AS text) IS NULL OR role = :role)""";

    private AudienceUsers() {}

    /** The {@code :role} of {@link #FROM}. */
    public static Params params(UserAudience audience) {
        return Params.of("role", audience.role());
    }
}
