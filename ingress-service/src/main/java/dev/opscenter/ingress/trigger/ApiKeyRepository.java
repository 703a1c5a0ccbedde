package dev.opscenter.ingress.trigger;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** ApiKeyRepository reads and writes api_keys; the clear key never reaches it, only its SHA-256. */
@Singleton
final class ApiKeyRepository {
    private static final String COLUMNS = "id, name, prefix, created_at, last_used_at, revoked_at";

    private final Database db;

    ApiKeyRepository(Database db) {
        this.db = db;
    }

    /** A live key's id and stored hash. */
    @Introspected
    record Stored(long id, byte[] hash) {}

    ApiKeyView insert(String name, String prefix, byte[] hash) {
        return db.one(
                        "INSERT INTO api_keys (name, prefix, key_hash) VALUES (:name, :prefix, :hash) RETURNING "
                                + COLUMNS,
                        Params.of("name", name).and("prefix", prefix).and("hash", hash),
                        ApiKeyView.class)
                .orElseThrow();
    }

    /** Newest first, revoked ones included (they explain why a caller gets 401). */
    List<ApiKeyView> list() {
        return db.list("SELECT " + COLUMNS + " FROM api_keys ORDER BY id DESC", Params.NONE, ApiKeyView.class);
    }

    /** The key as lists show it. */
    Optional<ApiKeyView> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id", Params.of("id", id), ApiKeyView.class);
    }

    /** Revokes a live key; empty when there is no such key or it was revoked already (the first time is kept). */
    Optional<ApiKeyView> revoke(long id) {
        return db.one(
                "UPDATE api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL RETURNING " + COLUMNS,
                Params.of("id", id),
                ApiKeyView.class);
    }

    Optional<Stored> findLive(byte[] hash) {
        return db.one(
                "SELECT id, key_hash AS hash FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL",
                Params.of("hash", hash),
                Stored.class);
    }

    /** Records a use; writes at most once a minute per key, so a busy caller does not turn every request into a write. */
    void touch(long id) {
        db.update("""
                UPDATE api_keys SET last_used_at = now()
                 WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""", Params.of("id", id));
    }
}
