package dev.opscenter.common.notify;

import dev.opscenter.common.sql.Columns;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * SilenceRows reads silences the same way for the admin API (ingress) and the notification planner (worker): append
 * WHERE / ORDER BY to {@link #SELECT}.
 */
public final class SilenceRows {
    /** Every column {@link #map} reads. */
    public static final String SELECT = """
            SELECT id, source, event_type, severities, text, comment, created_by, starts_at, ends_at, created_at,
                   updated_at
              FROM silences
            """;

    private SilenceRows() {}

    /** Maps the current row of a query built on {@link #SELECT}. */
    public static Silence map(ResultSet r) throws SQLException {
        Array severities = r.getArray("severities");
        return new Silence(
                r.getLong("id"),
                r.getString("source"),
                r.getString("event_type"),
                severities == null ? null : List.copyOf(Arrays.asList((String[]) severities.getArray())),
                r.getString("text"),
                r.getString("comment"),
                r.getString("created_by"),
                Columns.instant(r, "starts_at"),
                Columns.instant(r, "ends_at"),
                Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at"));
    }
}
