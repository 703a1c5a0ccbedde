package dev.opscenter.ingress.relay;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.sql.Columns;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SubscriptionRepository reads and writes subscriptions. Secrets and custom header values are encrypted on the way
 * in and never read back here; only the worker decrypts them to sign and send.
 */
@Singleton
final class SubscriptionRepository {
    private static final String COLUMNS = """
            id, name, description, event_types, source_id, url, signature_header, headers::text AS headers,
            rate_limit_per_second, conditions::text AS conditions, is_active, disabled_reason,
            previous_secret_encrypted IS NOT NULL AS has_previous_secret, previous_secret_expires_at, created_at, updated_at""";
    /** The writable columns but the secret; {@link #VALUES} gives their values in this order. */
    private static final String WRITABLE = """
            name, description, event_types, source_id, url, signature_header, headers, rate_limit_per_second, conditions,
            is_active""";

    private static final String VALUES = """
            :name, :description, :event_types, :source_id, :url, :signature_header, CAST(:headers AS jsonb),
            :rate_limit_per_second, CAST(:conditions AS jsonb), :active""";

    private final Database db;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final Clock clock;

    SubscriptionRepository(Database db, SecretCipher cipher, JsonMapper json, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.json = json;
        this.clock = clock;
    }

    Optional<Subscription> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id", Params.of("id", id), this::map);
    }

    List<Subscription> list() {
        return db.list("SELECT " + COLUMNS + " FROM subscriptions ORDER BY name, id", Params.NONE, this::map);
    }

    /** Where the subscription sends and its header values still sealed, for an update to compare and keep them. */
    Optional<SubscriptionRules.Stored> stored(long id) {
        return db.one(
                "SELECT url, headers::text AS headers FROM subscriptions WHERE id = :id",
                Params.of("id", id),
                r -> new SubscriptionRules.Stored(r.getString("url"), headers(r)));
    }

    /** Inserts a subscription with its secret; empty when the name is taken. */
    Optional<Subscription> insert(SubscriptionDraft d, String secret) {
        return db.one(
                "INSERT INTO subscriptions (" + WRITABLE + ", secret_encrypted) VALUES (" + VALUES
                        + ", :secret) ON CONFLICT (name) DO NOTHING RETURNING " + COLUMNS,
                params(d).and("secret", cipher.encrypt(secret)),
                this::map);
    }

    /** Replaces a subscription's fields but its secret; a user who turns it on clears why the relay turned it off. */
    Optional<Subscription> update(long id, SubscriptionDraft d) {
        return db.one(
                "UPDATE subscriptions SET (" + WRITABLE + ") = (" + VALUES + ")"
                        + ", disabled_reason = CASE WHEN :active THEN NULL ELSE disabled_reason END, updated_at = now()"
                        + " WHERE id = :id RETURNING " + COLUMNS,
                params(d).and("id", id),
                this::map);
    }

    /**
     * Makes {@code secret} the signing secret; the current one signs too until {@code previousExpiresAt} (a secret
     * rotated out earlier is dropped). False when there is no such subscription.
     */
    boolean rotate(long id, String secret, Instant previousExpiresAt) {
        // the right-hand sides read the row as it was, so the previous secret is the one being replaced
        return db.update(
                        """
                        UPDATE subscriptions
                           SET previous_secret_encrypted = secret_encrypted, previous_secret_expires_at = :expires_at,
                               secret_encrypted = :secret, updated_at = now()
                         WHERE id = :id""",
                        Params.of("id", id)
                                .and("secret", cipher.encrypt(secret))
                                .and("expires_at", previousExpiresAt))
                == 1;
    }

    /** Deletes a subscription and, by cascade, its deliveries and their attempts. */
    boolean delete(long id) {
        return db.update("DELETE FROM subscriptions WHERE id = :id", Params.of("id", id)) == 1;
    }

    boolean sourceExists(long id) {
        return db.one(
                        "SELECT 1 FROM webhook_sources WHERE id = :id AND deleted_at IS NULL",
                        Params.of("id", id),
                        Integer.class)
                .isPresent();
    }

    private Params params(SubscriptionDraft d) {
        return Params.of("name", d.name())
                .and("description", d.description())
                .and("event_types", Params.texts(d.eventTypes()))
                .and("source_id", d.sourceId())
                .and("url", d.url())
                .and("signature_header", d.signatureHeader())
                .and("headers", Json.write(json, SubscriptionHeaders.sealed(d.headers(), cipher)))
                .and("rate_limit_per_second", d.rateLimitPerSecond())
                .and("conditions", d.conditions() == null ? null : Json.write(json, d.conditions()))
                .and("active", d.active());
    }

    private Subscription map(ResultSet r) throws SQLException {
        int rate = r.getInt("rate_limit_per_second");
        Integer rateLimit = r.wasNull() ? null : rate;
        Instant expires = Columns.instant(r, "previous_secret_expires_at");
        boolean previous = r.getBoolean("has_previous_secret") && expires != null && expires.isAfter(clock.instant());
        return new Subscription(
                r.getLong("id"),
                r.getString("name"),
                r.getString("description"),
                List.copyOf(Arrays.asList((String[]) r.getArray("event_types").getArray())),
                Columns.nullableLong(r, "source_id"),
                r.getString("url"),
                r.getString("signature_header"),
                SubscriptionHeaders.masked(headers(r)),
                rateLimit,
                Json.readMap(json, r.getString("conditions")),
                r.getBoolean("is_active"),
                r.getString("disabled_reason"),
                previous,
                previous ? expires : null,
                Columns.instant(r, "created_at"),
                Columns.instant(r, "updated_at"));
    }

    private Map<String, String> headers(ResultSet r) throws SQLException {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> stored = Json.readMap(json, r.getString("headers"));
        if (stored != null) {
            stored.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        return headers;
    }
}
