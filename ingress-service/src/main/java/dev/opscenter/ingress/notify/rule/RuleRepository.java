package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** RuleRepository reads and writes notification_rules. */
@Singleton
final class RuleRepository {
    private static final String COLUMNS = """
            id, name, is_active, source_id, event_source_id, event_type_pattern, min_severity, conditions::text AS conditions,
            channel_id, template_id, recipients, recipient_field, recipient_group_id, group_key, throttle_seconds,
            created_at, updated_at""";
    /** The 14 writable columns, bound by {@link #bind} in this order. */
    private static final String WRITABLE = """
            name, is_active, source_id, event_source_id, event_type_pattern, min_severity, conditions, channel_id,
            template_id, recipients, recipient_field, recipient_group_id, group_key, throttle_seconds""";

    private final Database db;
    private final JsonMapper json;

    RuleRepository(Database db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Optional<Rule> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM notification_rules WHERE id = ?", s -> s.setLong(1, id), this::map);
    }

    List<Rule> list() {
        return db.list(
                "SELECT " + COLUMNS + " FROM notification_rules ORDER BY name, id", Database.NO_PARAMETERS, this::map);
    }

    /** Inserts a rule; empty when the name is taken. */
    Optional<Rule> insert(RuleDraft d) {
        return db.one("INSERT INTO notification_rules (" + WRITABLE + """
                ) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING
                RETURNING\s""" + COLUMNS, s -> bind(s, d), this::map);
    }

    /** Replaces a rule's fields; throws on a taken name. */
    Optional<Rule> update(long id, RuleDraft d) {
        return db.one(
                "UPDATE notification_rules SET (" + WRITABLE + """
                ) = (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?), updated_at = now()
                 WHERE id = ?
                RETURNING\s""" + COLUMNS,
                s -> {
                    bind(s, d);
                    s.setLong(15, id);
                },
                this::map);
    }

    /** Deletes a rule; throws when notifications or fan-outs were made by it. */
    boolean delete(long id) {
        return db.update("DELETE FROM notification_rules WHERE id = ?", s -> s.setLong(1, id)) == 1;
    }

    boolean sourceExists(long id) {
        return db.one(
                        "SELECT 1 FROM webhook_sources WHERE id = ? AND deleted_at IS NULL",
                        s -> s.setLong(1, id),
                        r -> true)
                .isPresent();
    }

    boolean eventSourceExists(long id) {
        return db.one("SELECT 1 FROM event_sources WHERE id = ?", s -> s.setLong(1, id), r -> true)
                .isPresent();
    }

    private void bind(PreparedStatement s, RuleDraft d) throws SQLException {
        s.setString(1, d.name());
        s.setBoolean(2, d.active());
        Columns.setLong(s, 3, d.sourceId());
        Columns.setLong(s, 4, d.eventSourceId());
        s.setString(5, d.eventTypePattern());
        s.setString(6, d.minSeverity() == null ? null : d.minSeverity().wire());
        s.setString(7, d.conditions() == null ? null : Json.write(json, d.conditions()));
        s.setLong(8, d.channelId());
        Columns.setLong(s, 9, d.template() == null ? null : d.template().id());
        s.setArray(10, s.getConnection().createArrayOf("text", d.recipients().toArray()));
        s.setString(11, d.recipientField());
        Columns.setLong(s, 12, d.recipientGroupId());
        s.setString(13, d.groupKey());
        if (d.throttleSeconds() == null) {
            s.setNull(14, Types.INTEGER);
        } else {
            s.setInt(14, d.throttleSeconds());
        }
    }

    private Rule map(ResultSet r) throws SQLException {
        String[] recipients = (String[]) r.getArray("recipients").getArray();
        int throttle = r.getInt("throttle_seconds");
        Integer throttleSeconds = r.wasNull() ? null : throttle;
        return new Rule(
                r.getLong("id"),
                r.getString("name"),
                r.getBoolean("is_active"),
                Columns.nullableLong(r, "source_id"),
                Columns.nullableLong(r, "event_source_id"),
                r.getString("event_type_pattern"),
                r.getString("min_severity"),
                Json.readMap(json, r.getString("conditions")),
                r.getLong("channel_id"),
                Columns.nullableLong(r, "template_id"),
                Arrays.asList(recipients),
                r.getString("recipient_field"),
                Columns.nullableLong(r, "recipient_group_id"),
                r.getString("group_key"),
                throttleSeconds,
                Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at"));
    }
}
