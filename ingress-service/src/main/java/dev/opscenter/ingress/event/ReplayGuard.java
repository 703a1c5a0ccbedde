package dev.opscenter.ingress.event;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * ReplayGuard finds the event a signed body was first stored as, when its source keeps a de-duplication window
 * ({@code settings.dedupeWindow} seconds): a captured request sent again, even with a new delivery id, is then the
 * same event. Two identical bodies arriving at the same instant may both be stored; a replay comes later.
 */
@Singleton
final class ReplayGuard {
    private final Database db;

    ReplayGuard(Database db) {
        this.db = db;
    }

    /** The first event of this webhook's source with the same raw body within its window; empty when none or no window. */
    Optional<Long> firstOf(IncomingEvent webhook) {
        if (!webhook.webhook() || webhook.replayWindow().isZero()) {
            return Optional.empty();
        }
        // body_sha256 is stored for the events of sources that keep a window, indexed with source_id (V27);
        // received_at and now() are both the database's clock
        return db.one(
                """
                SELECT id FROM webhook_events
                 WHERE source_id = :source_id AND body_sha256 = :hash
                   AND received_at >= now() - make_interval(secs => :window)
                 ORDER BY id LIMIT 1""",
                Params.of("source_id", webhook.sourceId())
                        .and("hash", webhook.bodySha256())
                        .and("window", webhook.replayWindow().toSeconds()),
                Long.class);
    }
}
