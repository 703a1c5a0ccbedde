package dev.opscenter.ingress.trigger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * ApiKeyView is an API key as lists show it: never the key or its hash.
 *
 * @param lastUsedAt last successful authentication, to the minute (null: never used)
 * @param revokedAt  when it was revoked; a revoked key authenticates nothing
 */
@Serdeable
record ApiKeyView(
        long id,
        String name,
        String prefix,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {}
