package dev.opscenter.ingress.notify.template;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.ChannelType;
import jakarta.inject.Singleton;
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
                "SELECT " + COLUMNS + " FROM notification_templates WHERE id = :id",
                Params.of("id", id),
                Template.class);
    }

    List<Template> list() {
        return db.list(
                "SELECT " + COLUMNS + " FROM notification_templates ORDER BY name, id", Params.NONE, Template.class);
    }

    /** Inserts a template; empty when the name is taken. */
    Optional<Template> insert(String name, ChannelType type, String subject, String body) {
        return db.one(
                """
                INSERT INTO notification_templates (name, channel_type, subject, body)
                VALUES (:name, :type, :subject, :body)
                ON CONFLICT (name) DO NOTHING
                RETURNING\s""" + COLUMNS,
                Params.of("name", name)
                        .and("type", type)
                        .and("subject", subject)
                        .and("body", body),
                Template.class);
    }

    /**
     * Replaces a template's fields; throws on a taken name. Empty when there is no such template, or when its channel
     * type would change while rules use it (their channels are of the old type).
     */
    Optional<Template> update(long id, String name, ChannelType type, String subject, String body) {
        return db.one(
                """
                UPDATE notification_templates t
                   SET name = :name, channel_type = :type, subject = :subject, body = :body, updated_at = now()
                 WHERE id = :id
                   AND (t.channel_type = :type
                        OR NOT EXISTS (SELECT 1 FROM notification_rules r WHERE r.template_id = t.id))
                RETURNING\s""" + COLUMNS,
                Params.of("id", id)
                        .and("name", name)
                        .and("type", type)
                        .and("subject", subject)
                        .and("body", body),
                Template.class);
    }

    /** Deletes a template; throws when a rule still uses it. */
    boolean delete(long id) {
        return db.update("DELETE FROM notification_templates WHERE id = :id", Params.of("id", id)) == 1;
    }
}
