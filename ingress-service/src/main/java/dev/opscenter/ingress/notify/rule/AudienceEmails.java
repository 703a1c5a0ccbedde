package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.notify.AudienceUsers;
import dev.opscenter.common.notify.UserAudience;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;

/** The e-mail addresses an audience reaches, read as the worker's fan-out reads them ({@link AudienceUsers}). */
@Singleton
final class AudienceEmails {
    private final Database db;

    AudienceEmails(Database db) {
        this.db = db;
    }

    /** The first addresses in order, at most {@code limit}. */
    List<String> first(UserAudience audience, int limit) {
        return db.list(
                "SELECT DISTINCT email " + AudienceUsers.FROM + " ORDER BY email LIMIT :limit",
                AudienceUsers.params(audience).and("limit", limit),
                String.class);
    }

    /** How many addresses the fan-out would send to. */
    long count(UserAudience audience) {
        return db.one("SELECT count(DISTINCT email) " + AudienceUsers.FROM, AudienceUsers.params(audience), Long.class)
                .orElse(0L);
    }

    /** How many of these addresses the audience reaches too. */
    long countAmong(UserAudience audience, Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return 0;
        }
        return db.one(
                        "SELECT count(DISTINCT email) " + AudienceUsers.FROM + " AND email = ANY (:addresses)",
                        AudienceUsers.params(audience).and("addresses", Params.texts(addresses)),
                        Long.class)
                .orElse(0L);
    }
}
