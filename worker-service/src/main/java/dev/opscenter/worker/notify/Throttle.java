package dev.opscenter.worker.notify;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Throttle suppresses repeats: per rule and rendered group key, one message per window; what comes inside the window
 * is suppressed and counted, and the next message that goes out reports the count (like Alertmanager's
 * repeat_interval). One upsert decides: it locks the state row, so concurrent workers decide one at a time.
 */
final class Throttle {
    private final Database db;

    Throttle(Database db) {
        this.db = db;
    }

    /** Whether to send, and how many were suppressed since the last message that went out. */
    record Decision(boolean send, int suppressedBefore) {
        static final Decision SEND = new Decision(true, 0);
    }

    /** Must run inside the caller's transaction. */
    Decision decide(long ruleId, String groupKey, Duration window, Instant now) {
        // the window is over when the last message went out at or before this; stored times have microseconds, and
        // on that grid "at or before the floor" is exactly "at or before"
        Instant windowStart = now.minus(window).truncatedTo(ChronoUnit.MICROS);
        // a new group sends at once; a send starts the count again, and suppressed = 0 afterwards means "sent"
        return db.one(
                        """
                INSERT INTO notification_throttles AS t (rule_id, group_key, last_sent_at) VALUES (:rule_id, :group_key, :now)
                ON CONFLICT (rule_id, group_key) DO UPDATE SET
                    last_sent_at      = CASE WHEN t.last_sent_at <= :window_start THEN EXCLUDED.last_sent_at ELSE t.last_sent_at END,
                    suppressed_before = CASE WHEN t.last_sent_at <= :window_start THEN t.suppressed ELSE t.suppressed_before END,
                    suppressed        = CASE WHEN t.last_sent_at <= :window_start THEN 0 ELSE t.suppressed + 1 END
                RETURNING suppressed = 0 AS send, suppressed_before""",
                        Params.of("rule_id", ruleId)
                                .and("group_key", groupKey)
                                .and("now", now)
                                .and("window_start", windowStart),
                        r -> r.getBoolean("send")
                                ? new Decision(true, r.getInt("suppressed_before"))
                                : new Decision(false, 0))
                .orElseThrow();
    }
}
