package dev.opscenter.ingress.notify.channel;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.common.vocabulary.ChannelType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ChannelRepository reads and writes channels; secrets and webhook header values are encrypted on the way in and
 * never read back here (header values come out masked).
 */
@Singleton
public final class ChannelRepository {
    private static final String COLUMNS = """
            id, name, type, config::text AS config, secret_encrypted IS NOT NULL AS has_secret, is_active, created_at, updated_at""";

    private final Database db;
    private final SecretCipher cipher;
    private final JsonMapper json;

    ChannelRepository(Database db, SecretCipher cipher, JsonMapper json) {
        this.db = db;
        this.cipher = cipher;
        this.json = json;
    }

    /** The channel with this id, if any. */
    public Optional<Channel> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM channels WHERE id = :id", Params.of("id", id), this::map);
    }

    /** The stored config with header values still sealed, for an update to compare and keep them. */
    Optional<Map<String, Object>> storedConfig(long id) {
        return db.one(
                "SELECT config::text AS config FROM channels WHERE id = :id",
                Params.of("id", id),
                r -> Json.readMap(json, r.getString("config")));
    }

    List<Channel> list() {
        return db.list("SELECT " + COLUMNS + " FROM channels ORDER BY name, id", Params.NONE, this::map);
    }

    /** Inserts a channel; empty when the name is taken. */
    Optional<Channel> insert(
            String name, ChannelType type, Map<String, Object> config, String secretOrNull, boolean active) {
        return db.one(
                """
                INSERT INTO channels (name, type, config, secret_encrypted, is_active)
                VALUES (:name, :type, CAST(:config AS jsonb), :secret, :active)
                ON CONFLICT (name) DO NOTHING
                RETURNING\s""" + COLUMNS,
                Params.of("name", name)
                        .and("type", type)
                        .and("config", Json.write(json, WebhookHeaders.sealed(config, cipher)))
                        .and("secret", secretOrNull == null ? null : cipher.encrypt(secretOrNull))
                        .and("active", active),
                this::map);
    }

    /** Updates a channel, keeping the stored secret when none is given; throws on a taken name. */
    Optional<Channel> update(long id, String name, Map<String, Object> config, String secretOrNull, boolean active) {
        return db.one(
                """
                UPDATE channels
                   SET name = :name, config = CAST(:config AS jsonb), secret_encrypted = COALESCE(:secret, secret_encrypted),
                       is_active = :active, updated_at = now()
                 WHERE id = :id
                RETURNING\s""" + COLUMNS,
                Params.of("id", id)
                        .and("name", name)
                        .and("config", Json.write(json, WebhookHeaders.sealed(config, cipher)))
                        .and("secret", secretOrNull == null ? null : cipher.encrypt(secretOrNull))
                        .and("active", active),
                this::map);
    }

    /** Deletes a channel; throws when rules or notification history still refer to it. */
    boolean delete(long id) {
        return db.update("DELETE FROM channels WHERE id = :id", Params.of("id", id)) == 1;
    }

    private Channel map(ResultSet r) throws SQLException {
        return new Channel(
                r.getLong("id"),
                r.getString("name"),
                ChannelType.parse(r.getString("type")),
                WebhookHeaders.masked(Json.readMap(json, r.getString("config"))),
                r.getBoolean("has_secret"),
                r.getBoolean("is_active"),
                r.getTimestamp("created_at").toInstant(),
                r.getTimestamp("updated_at").toInstant());
    }
}
