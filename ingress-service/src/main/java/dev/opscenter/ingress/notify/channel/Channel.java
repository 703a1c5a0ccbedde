package dev.opscenter.ingress.notify.channel;

import dev.opscenter.common.vocabulary.ChannelType;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * Channel is a delivery destination as the API shows it. Ingress never decrypts the secret; it only says whether
 * one is stored.
 */
@Serdeable
public record Channel(
        long id,
        String name,
        ChannelType type,
        Map<String, Object> config,
        boolean hasSecret,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {}
