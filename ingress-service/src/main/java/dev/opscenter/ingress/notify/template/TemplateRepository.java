package dev.opscenter.ingress.notify.template;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.vocabulary.ChannelType;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** TemplateRepository reads and writes notification_templates. */
@Singleton
public final class TemplateRepository {
    private static final String COLUMNS = "id, name, channel_type, subject, body, created_at, updated_at";

    private final Database db;

    TemplateRepository(Database db) {
        this.db = db;
    }

    /** The template with this id, if any. */
    public Optional<Template> find(long id) {
        return db.one(
                "SELECT " + COLUMNS + " FROM notification_templates WHERE id = ?", s -> s.setLong(1, id), this::map);
    }

    List<Template> list() {
        return db.list(
                "SELECT " + COLUMNS + " FROM notification_templates ORDER BY name, id",
                Database.NO_PARAMETERS,
                this::map);
    }

    /** Inserts a template; empty when the name is taken. */
    Optional<Template> insert(String name, ChannelType type, String subject, String body) {
        return db.one(
                """
                INSERT INTO notification_templates (name, channel_type, subject, body) VALUES (?, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING
                RETURNING\s""" + COLUMNS,
                s -> {
                    s.setString(1, name);
                    s.setString(2, type.wire());
                    s.setString(3, subject);
                    s.setString(4, body);
                },
                this::map);
    }

    /**
     * Replaces a template's fields; throws on a taken name. Empty when there is no such template, or when its channel
     * type would change while rules use it (their channels are of the old type).
     */
    Optional<Template> update(long id, String name, ChannelType type, String subject, String body) {
        return db.one(
                """
                UPDATE notification_templates t SET name = ?, channel_type = ?, subject = ?, body = ?, updated_at = now()
                 WHERE id = ?
                   AND (t.channel_type = ? OR NOT EXISTS (SELECT 1 FROM notification_rules r WHERE r.template_id = t.id))
                RETURNING\s""" + COLUMNS,
                s -> {
                    s.setString(1, name);
                    s.setString(2, type.wire());
                    s.setString(3, subject);
                    s.setString(4, body);
                    s.setLong(5, id);
                    s.setString(6, type.wire());
                },
                this::map);
    }

    /** Deletes a template; throws when a rule still uses it. */
    boolean delete(long id) {
        return db.update("DELETE FROM notification_templates WHERE id = ?", s -> s.setLong(1, id)) == 1;
    }

    private Template map(ResultSet r) throws SQLException {
        return new Template(
                r.getLong("id"),
                r.getString("name"),
                ChannelType.parse(r.getString("channel_type")),
                r.getString("subject"),
                r.getString("body"),
                r.getTimestamp("created_at").toInstant(),
                r.getTimestamp("updated_at").toInstant());
    }
}
