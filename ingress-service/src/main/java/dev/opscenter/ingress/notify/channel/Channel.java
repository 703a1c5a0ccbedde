package dev.opscenter.ingress.notify.channel;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * Channel is a delivery destination as the API shows it. Ingress never decrypts the secret; it only says whether
 * one is stored.
 *
 * @param type one of email, slack, telegram, sms, webhook
 */
@Serdeable
public record Channel(long id, String name, String type, Map<String, Object> config, boolean hasSecret, boolean active,
                      Instant createdAt, Instant updatedAt) {
}
