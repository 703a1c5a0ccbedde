package dev.opscenter.ingress.source;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SourceRepository reads and writes webhook_sources; secrets are encrypted on the way in and decrypted on the way
 * out. Every write is announced to the replicas' source caches ({@link SourceChanges}).
 */
@Singleton
public final class SourceRepository {
    private static final String COLUMNS =
            "id, name, slug, kind, secret_encrypted, settings::text AS settings, is_active, created_at, updated_at";

    private final Database db;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final SourceChanges changes;

    SourceRepository(Database db, SecretCipher cipher, JsonMapper json, SourceChanges changes) {
        this.db = db;
        this.cipher = cipher;
        this.json = json;
        this.changes = changes;
    }

    /** The live (not deleted) source with this slug, active or not. */
    public Optional<Source> findBySlug(String slug) {
        return db.one(
                "SELECT " + COLUMNS + " FROM webhook_sources WHERE slug = ? AND deleted_at IS NULL",
                s -> s.setString(1, slug),
                this::map);
    }

    Optional<Source> findById(long id) {
        return db.one(
                "SELECT " + COLUMNS + " FROM webhook_sources WHERE id = ? AND deleted_at IS NULL",
                s -> s.setLong(1, id),
                this::map);
    }

    List<Source> list() {
        return db.list(
                "SELECT " + COLUMNS + " FROM webhook_sources WHERE deleted_at IS NULL ORDER BY name, id",
                Database.NO_PARAMETERS,
                this::map);
    }

    /** Inserts a source unless a live one has the slug; empty when the slug is taken. */
    public Optional<Source> insert(
            String name, String slug, SourceKind kind, String secret, Map<String, Object> settings, boolean active) {
        Optional<Source> created = db.one(
                """
                INSERT INTO webhook_sources (name, slug, kind, secret_encrypted, settings, is_active)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (slug) WHERE deleted_at IS NULL DO NOTHING
                RETURNING\s""" + COLUMNS,
                s -> {
                    s.setString(1, name);
                    s.setString(2, slug);
                    s.setString(3, kind.wire());
                    s.setBytes(4, cipher.encrypt(secret));
                    s.setString(5, Json.write(json, settings));
                    s.setBoolean(6, active);
                },
                this::map);
        // a replica may have looked the slug up before it existed
        changes.announce(slug);
        return created;
    }

    Optional<Source> update(long id, String name, String secretOrNull, Map<String, Object> settings, boolean active) {
        Optional<Source> updated = db.one(
                """
                UPDATE webhook_sources
                   SET name = ?, secret_encrypted = COALESCE(?, secret_encrypted), settings = CAST(? AS jsonb),
                       is_active = ?, updated_at = now()
                 WHERE id = ? AND deleted_at IS NULL
                RETURNING\s""" + COLUMNS,
                s -> {
                    s.setString(1, name);
                    s.setBytes(2, secretOrNull == null ? null : cipher.encrypt(secretOrNull));
                    s.setString(3, Json.write(json, settings));
                    s.setBoolean(4, active);
                    s.setLong(5, id);
                },
                this::map);
        updated.ifPresent(source -> changes.announce(source.slug()));
        return updated;
    }

    /** Soft-deletes the source; returns its slug, empty when there was no live source with this id. */
    Optional<String> softDelete(long id) {
        Optional<String> slug = db.one(
                "UPDATE webhook_sources SET deleted_at = now(), is_active = false WHERE id = ? AND deleted_at IS NULL RETURNING slug",
                s -> s.setLong(1, id),
                r -> r.getString(1));
        slug.ifPresent(changes::announce);
        return slug;
    }

    private Source map(ResultSet r) throws SQLException {
        return new Source(
                r.getLong("id"),
                r.getString("name"),
                r.getString("slug"),
                SourceKind.parse(r.getString("kind")),
                cipher.decrypt(r.getBytes("secret_encrypted")),
                Json.readMap(json, r.getString("settings")),
                r.getBoolean("is_active"),
                r.getTimestamp("created_at").toInstant(),
                r.getTimestamp("updated_at").toInstant());
    }
}
