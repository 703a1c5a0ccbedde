package dev.opscenter.common.alert;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.common.vocabulary.NotificationStatus;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * NotificationRows reads {@code notification_logs} rows the same way for the admin API (ingress) and the live status
 * changes (worker), so the two show one shape.
 */
public final class NotificationRows {
    /** Every column {@link #map} reads, for a SELECT list or a RETURNING clause. */
    public static final String COLUMNS = """
            id, event_id, alert_id, rule_id, channel_id, channel_type, recipient, subject, body, status, attempts,
            next_attempt_at, last_error, response_code, suppressed_count, sent_at, created_at, updated_at""";

    private NotificationRows() {}

    /** Maps the current row of a query that selects {@link #COLUMNS}. */
    public static NotificationMessage map(ResultSet r) throws SQLException {
        return new NotificationMessage(
                r.getLong("id"),
                r.getLong("event_id"),
                Columns.nullableLong(r, "alert_id"),
                r.getLong("rule_id"),
                r.getLong("channel_id"),
                ChannelType.parse(r.getString("channel_type")),
                r.getString("recipient"),
                r.getString("subject"),
                r.getString("body"),
                NotificationStatus.parse(r.getString("status")),
                r.getInt("attempts"),
                Columns.instant(r, "next_attempt_at"),
                r.getString("last_error"),
                nullableInt(r, "response_code"),
                r.getInt("suppressed_count"),
                Columns.instant(r, "sent_at"),
                Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at"));
    }

    private static Integer nullableInt(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}
