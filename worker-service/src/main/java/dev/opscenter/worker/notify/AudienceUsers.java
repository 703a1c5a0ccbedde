package dev.opscenter.worker.notify;

import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.sql.Params;

/**
 * AudienceUsers is where an audience's e-mails come from, one SQL clause for counting a fan-out and for reading its
 * chunks: the enabled users of the audience's role (of any role for {@code all}) that have an e-mail address.
 */
final class AudienceUsers {
    /** {@code FROM users WHERE …}, with a {@code :role} parameter from {@link #params}. */
    static final String FROM = """
            FROM users WHERE NOT disabled AND email IS NOT NULL AND email <> ''
             AND (CAST(:role AS text) IS NULL OR role = :role)""";

    private AudienceUsers() {}

    /** The {@code :role} of {@link #FROM}. */
    static Params params(UserAudience audience) {
        return Params.of("role", audience.role());
    }
}
