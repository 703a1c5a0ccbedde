package dev.opscenter.worker.relay;

import dev.opscenter.common.crypto.SecretCipher;
import dev.opscenter.common.relay.RelaySignatures;
import dev.opscenter.common.sql.Params;
import dev.opscenter.worker.StoredRows;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * RelayRows stores subscriptions that point at a test receiver, with their secret sealed as ingress seals it, and
 * reads a delivery of an (event, subscription) back: the relay integration tests' one way to set up and look.
 */
final class RelayRows {
    private final StoredRows rows;
    private final SecretCipher cipher;
    private final RelayReceiver receiver;

    RelayRows(StoredRows rows, SecretCipher cipher, RelayReceiver receiver) {
        this.rows = rows;
        this.cipher = cipher;
        this.receiver = receiver;
    }

    /** An active subscription to every event, sending to the receiver's {@code /path} with a new secret. */
    long subscription(String path) throws SQLException {
        return subscription(path, List.of("*"), null, null, RelaySignatures.newSecret());
    }

    /**
     * An active subscription sending to the receiver's {@code /path}; its name is the path made unique.
     *
     * @param source     the only webhook source it takes, or null for all
     * @param conditions rule conditions as JSON, or null for none
     */
    long subscription(String path, List<String> types, Long source, String conditions, String secret)
            throws SQLException {
        return subscriptionAt(receiver.url("/" + path), types, source, conditions, secret);
    }

    /** An active subscription to every event sending to any URL, stored as is (ingress would check a literal address). */
    long subscriptionAt(String url) throws SQLException {
        return subscriptionAt(url, List.of("*"), null, null, RelaySignatures.newSecret());
    }

    private long subscriptionAt(String url, List<String> types, Long source, String conditions, String secret)
            throws SQLException {
        return rows.queryLong(
                """
                INSERT INTO subscriptions (name, event_types, source_id, url, secret_encrypted, conditions)
                VALUES (:name, :types, :source, :url, :secret, CAST(:conditions AS jsonb)) RETURNING id""",
                Params.of("name", "subscription-" + System.nanoTime())
                        .and("types", Params.texts(types))
                        .and("source", source)
                        .and("url", url)
                        .and("secret", cipher.encrypt(secret))
                        .and("conditions", conditions));
    }

    /** Keeps {@code secret} signing alongside the current one until {@code expires}, as a rotation does. */
    void previousSecret(long subscription, String secret, Instant expires) throws SQLException {
        rows.execute(
                """
                UPDATE subscriptions SET previous_secret_encrypted = :secret, previous_secret_expires_at = :expires
                 WHERE id = :id""",
                Params.of("secret", cipher.encrypt(secret))
                        .and("expires", expires)
                        .and("id", subscription));
    }

    /** The delivery row of the event to the subscription (nulls left out); empty before there is one. */
    Map<String, Object> delivery(long event, long subscription) throws SQLException {
        return rows.row(
                "SELECT * FROM deliveries WHERE event_id = :event AND subscription_id = :subscription",
                Params.of("event", event).and("subscription", subscription));
    }

    /** The delivery's id; fails before there is one. */
    long deliveryId(long event, long subscription) throws SQLException {
        return ((Number) delivery(event, subscription).get("id")).longValue();
    }

    /** The delivery's status, null before there is one. */
    String status(long event, long subscription) throws SQLException {
        return (String) delivery(event, subscription).get("status");
    }

    /** The attempts the delivery has counted, -1 before there is one. */
    int attempts(long event, long subscription) throws SQLException {
        Object attempts = delivery(event, subscription).get("attempts");
        return attempts == null ? -1 : ((Number) attempts).intValue();
    }

    /** When the delivery is next due, null when it is not waiting. */
    Instant nextAttempt(long event, long subscription) throws SQLException {
        Object at = delivery(event, subscription).get("next_attempt_at");
        return at == null ? null : ((Timestamp) at).toInstant();
    }
}
