package dev.opscenter.worker.notify;

import dev.opscenter.common.sql.Database;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Throttle suppresses repeats: per rule and rendered group key, one message per window; what comes inside the window
 * is suppressed and counted, and the next message that goes out reports the count (like Alertmanager's
 * repeat_interval). The state row is locked for the decision, so concurrent workers decide one at a time.
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
        db.update("""
                INSERT INTO notification_throttles (rule_id, group_key, last_sent_at, suppressed)
                VALUES (?, ?, to_timestamp(0), 0)
                ON CONFLICT (rule_id, group_key) DO NOTHING""", s -> {
            s.setLong(1, ruleId);
            s.setString(2, groupKey);
        });
        Object[] state = db.one("""
                SELECT last_sent_at, suppressed FROM notification_throttles WHERE rule_id = ? AND group_key = ? FOR UPDATE""", s -> {
            s.setLong(1, ruleId);
            s.setString(2, groupKey);
        }, r -> new Object[]{r.getTimestamp(1), r.getInt(2)}).orElseThrow();
        Timestamp last = (Timestamp) state[0];
        int suppressed = (Integer) state[1];
        boolean windowOver = !last.toInstant().plus(window).isAfter(now);
        if (windowOver) {
            db.update("UPDATE notification_throttles SET last_sent_at = ?, suppressed = 0 WHERE rule_id = ? AND group_key = ?", s -> {
                s.setTimestamp(1, Timestamp.from(now));
                s.setLong(2, ruleId);
                s.setString(3, groupKey);
            });
            return new Decision(true, suppressed);
        }
        db.update("UPDATE notification_throttles SET suppressed = suppressed + 1 WHERE rule_id = ? AND group_key = ?", s -> {
            s.setLong(1, ruleId);
            s.setString(2, groupKey);
        });
        return new Decision(false, 0);
    }
}
