package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.AlertRows;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** AlertRepository reads alerts with their source, and marks them read. */
@Singleton
final class AlertRepository {
    private final Database db;
    private final JsonMapper json;

    AlertRepository(Database db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    List<AlertMessage> list(@Nullable String severity, @Nullable Boolean read, @Nullable Long before, int limit) {
        return db.list(
                AlertRows.SELECT + """
                WHERE (CAST(? AS text) IS NULL OR a.severity = ?)
                  AND (CAST(? AS boolean) IS NULL OR a.is_read = ?)
                  AND (CAST(? AS bigint) IS NULL OR a.id < ?)
                ORDER BY a.id DESC
                LIMIT ?""",
                s -> {
                    s.setString(1, severity);
                    s.setString(2, severity);
                    Columns.setBoolean(s, 3, read);
                    Columns.setBoolean(s, 4, read);
                    Columns.setLong(s, 5, before);
                    Columns.setLong(s, 6, before);
                    s.setInt(7, limit);
                },
                r -> AlertRows.map(r, json));
    }

    Optional<AlertMessage> find(long id) {
        return db.one(AlertRows.SELECT + " WHERE a.id = ?", s -> s.setLong(1, id), r -> AlertRows.map(r, json));
    }

    int markRead(List<Long> ids) {
        return db.update(
                "UPDATE alerts SET is_read = true, read_at = now() WHERE id = ANY (?) AND NOT is_read",
                s -> s.setArray(1, s.getConnection().createArrayOf("bigint", ids.toArray())));
    }
}
