package dev.opscenter.ingress.source;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SourceRepository reads and writes webhook_sources; secrets are encrypted on the way in and decrypted on the way
 * out. Every write is announced to the replicas' source caches ({@link SourceChanges}), once it is committed.
 */
@Singleton
public final class SourceRepository {
    private static final String COLUMNS =
            "id, name, slug, kind, secret_encrypted, settings::text AS settings, is_active, created_at, updated_at";

    private final Database db;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final SourceChanges changes;
    private final TransactionOperations<Connection> tx;

    SourceRepository(
            Database db,
            SecretCipher cipher,
            JsonMapper json,
            SourceChanges changes,
            TransactionOperations<Connection> tx) {
        this.db = db;
        this.cipher = cipher;
        this.json = json;
        this.changes = changes;
        this.tx = tx;
    }

    /** The live (not deleted) source with this slug, active or not. */
    public Optional<Source> findBySlug(String slug) {
        return db.one(
                "SELECT " + COLUMNS + " FROM webhook_sources WHERE slug = :slug AND deleted_at IS NULL",
                Params.of("slug", slug),
                this::map);
    }

    Optional<Source> findById(long id) {
        return db.one(
                "SELECT " + COLUMNS + " FROM webhook_sources WHERE id = :id AND deleted_at IS NULL",
                Params.of("id", id),
                this::map);
    }

    List<Source> list() {
        return db.list(
                "SELECT " + COLUMNS + " FROM webhook_sources WHERE deleted_at IS NULL ORDER BY name, id",
                Params.NONE,
                this::map);
    }

    /** Inserts a source unless a live one has the slug; empty when the slug is taken. */
    public Optional<Source> insert(
            String name, String slug, SourceKind kind, String secret, Map<String, Object> settings, boolean active) {
        Optional<Source> created = db.one(
                """
                INSERT INTO webhook_sources (name, slug, kind, secret_encrypted, settings, is_active)
                VALUES (:name, :slug, :kind, :secret, CAST(:settings AS jsonb), :active)
                ON CONFLICT (slug) WHERE deleted_at IS NULL DO NOTHING
                RETURNING\s""" + COLUMNS,
                Params.of("name", name)
                        .and("slug", slug)
                        .and("kind", kind)
                        .and("secret", cipher.encrypt(secret))
                        .and("settings", Json.write(json, settings))
                        .and("active", active),
                this::map);
        // a replica may have looked the slug up before it existed
        announce(slug);
        return created;
    }

    Optional<Source> update(long id, String name, String secretOrNull, Map<String, Object> settings, boolean active) {
        Optional<Source> updated = db.one(
                """
                UPDATE webhook_sources
                   SET name = :name, secret_encrypted = COALESCE(:secret, secret_encrypted),
                       settings = CAST(:settings AS jsonb), is_active = :active, updated_at = now()
                 WHERE id = :id AND deleted_at IS NULL
                RETURNING\s""" + COLUMNS,
                Params.of("name", name)
                        .and("secret", secretOrNull == null ? null : cipher.encrypt(secretOrNull))
                        .and("settings", Json.write(json, settings))
                        .and("active", active)
                        .and("id", id),
                this::map);
        updated.ifPresent(source -> announce(source.slug()));
        return updated;
    }

    /** Soft-deletes the source; returns its slug, empty when there was no live source with this id. */
    Optional<String> softDelete(long id) {
        Optional<String> slug = db.one(
                "UPDATE webhook_sources SET deleted_at = now(), is_active = false WHERE id = :id AND deleted_at IS NULL RETURNING slug",
                Params.of("id", id),
                String.class);
        slug.ifPresent(this::announce);
        return slug;
    }

    /**
     * Announces the change now, or when the caller's transaction (a change with its audit record) has ended: announced
     * before the commit, a replica could read the old row again and keep it until the cache TTL.
     */
    private void announce(String slug) {
        tx.findTransactionStatus()
                .ifPresentOrElse(
                        status -> status.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public void afterCompletion(Status completion) {
                                changes.announce(slug);
                            }
                        }),
                        () -> changes.announce(slug));
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
