package dev.opscenter.common.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Null-aware reads of the column types the schema uses, for row mappers that compute a value. */
public final class Columns {
    private Columns() {}

    /** A timestamptz column as an Instant, or null. */
    public static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A bigint column, or null. */
    public static Long nullableLong(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }
}
