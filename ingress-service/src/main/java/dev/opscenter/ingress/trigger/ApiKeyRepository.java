package dev.opscenter.ingress.trigger;

import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    record Stored(long id, byte[] hash) {}

    ApiKeyView insert(String name, String prefix, byte[] hash) {
        return db.one(
                        "INSERT INTO api_keys (name, prefix, key_hash) VALUES (?, ?, ?) RETURNING " + COLUMNS,
                        s -> {
                            s.setString(1, name);
                            s.setString(2, prefix);
                            s.setBytes(3, hash);
                        },
                        this::map)
                .orElseThrow();
    }

    /** Newest first, revoked ones included (they explain why a caller gets 401). */
    List<ApiKeyView> list() {
        return db.list("SELECT " + COLUMNS + " FROM api_keys ORDER BY id DESC", Database.NO_PARAMETERS, this::map);
    }

    /** Revokes the key (revoking twice keeps the first time); false if there is no such key. */
    boolean revoke(long id) {
        return db.update(
                        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = ?",
                        s -> s.setLong(1, id))
                == 1;
    }

    Optional<Stored> findLive(byte[] hash) {
        return db.one(
                "SELECT id, key_hash FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                s -> s.setBytes(1, hash),
                r -> new Stored(r.getLong("id"), r.getBytes("key_hash")));
    }

    /** Records a use; writes at most once a minute per key, so a busy caller does not turn every request into a write. */
    void touch(long id) {
        db.update("""
                UPDATE api_keys SET last_used_at = now()
                 WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""", s -> s.setLong(1, id));
    }

    private ApiKeyView map(ResultSet r) throws SQLException {
        return new ApiKeyView(
                r.getLong("id"),
                r.getString("name"),
                r.getString("prefix"),
                Columns.instant(r, "created_at"),
                Columns.instant(r, "last_used_at"),
                Columns.instant(r, "revoked_at"));
    }
}
