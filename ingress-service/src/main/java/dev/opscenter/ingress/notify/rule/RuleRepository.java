package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** RuleRepository reads and writes notification_rules. */
@Singleton
final class RuleRepository {
    private static final String COLUMNS = """
            id, name, is_active, source_id, event_source_id, event_type_pattern, min_severity, conditions::text AS conditions,
            channel_id, template_id, recipients, recipient_field, recipient_group_id, audience, group_key, throttle_seconds,
            created_at, updated_at""";
    /** The 15 writable columns; {@link #VALUES} gives their values in this order. */
    private static final String WRITABLE = """
            name, is_active, source_id, event_source_id, event_type_pattern, min_severity, conditions, channel_id,
            template_id, recipients, recipient_field, recipient_group_id, audience, group_key, throttle_seconds""";
    /** The values of {@link #WRITABLE}, bound by name from {@link #params}. */
    private static final String VALUES = """
            (:name, :active, :source_id, :event_source_id, :event_type_pattern, :min_severity, CAST(:conditions AS jsonb),
             :channel_id, :template_id, :recipients, :recipient_field, :recipient_group_id, :audience, :group_key,
             :throttle_seconds)""";

    private final Database db;
    private final JsonMapper json;

    RuleRepository(Database db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Optional<Rule> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM notification_rules WHERE id = :id", Params.of("id", id), this::map);
    }

    List<Rule> list() {
        return db.list("SELECT " + COLUMNS + " FROM notification_rules ORDER BY name, id", Params.NONE, this::map);
    }

    /** Inserts a rule; empty when the name is taken. */
    Optional<Rule> insert(RuleDraft d) {
        return db.one(
                "INSERT INTO notification_rules (" + WRITABLE + ") VALUES " + VALUES
                        + " ON CONFLICT (name) DO NOTHING RETURNING " + COLUMNS,
                params(d),
                this::map);
    }

    /** Replaces a rule's fields; throws on a taken name. */
    Optional<Rule> update(long id, RuleDraft d) {
        return db.one(
                "UPDATE notification_rules SET (" + WRITABLE + ") = " + VALUES
                        + ", updated_at = now() WHERE id = :id RETURNING " + COLUMNS,
                params(d).and("id", id),
                this::map);
    }

    /** Deletes a rule; throws when notifications or fan-outs were made by it. */
    boolean delete(long id) {
        return db.update("DELETE FROM notification_rules WHERE id = :id", Params.of("id", id)) == 1;
    }

    boolean sourceExists(long id) {
        return db.one(
                        "SELECT 1 FROM webhook_sources WHERE id = :id AND deleted_at IS NULL",
                        Params.of("id", id),
                        Integer.class)
                .isPresent();
    }

    boolean eventSourceExists(long id) {
        return db.one("SELECT 1 FROM event_sources WHERE id = :id", Params.of("id", id), Integer.class)
                .isPresent();
    }

    /** The values of a rule's writable columns, named as {@link #VALUES} uses them. */
    private Params params(RuleDraft d) {
        return Params.of("name", d.name())
                .and("active", d.active())
                .and("source_id", d.sourceId())
                .and("event_source_id", d.eventSourceId())
                .and("event_type_pattern", d.eventTypePattern())
                .and(
                        "min_severity",
                        d.minSeverity() == null ? null : d.minSeverity().wire())
                .and("conditions", d.conditions() == null ? null : Json.write(json, d.conditions()))
                .and("channel_id", d.channelId())
                .and("template_id", d.template() == null ? null : d.template().id())
                .and("recipients", Params.texts(d.recipients()))
                .and("recipient_field", d.recipientField())
                .and("recipient_group_id", d.recipientGroupId())
                .and("audience", d.audience() == null ? null : d.audience().value())
                .and("group_key", d.groupKey())
                .and("throttle_seconds", d.throttleSeconds());
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
                r.getString("audience"),
                r.getString("group_key"),
                throttleSeconds,
                Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at"));
    }
}
