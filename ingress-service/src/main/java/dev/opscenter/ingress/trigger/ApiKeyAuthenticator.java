package dev.opscenter.ingress.trigger;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.Optional;

/** ApiKeyAuthenticator tells which live API key an {@code Authorization} header carries, if any. */
@Singleton
final class ApiKeyAuthenticator {
    private final ApiKeyRepository keys;

    ApiKeyAuthenticator(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** The key's id; empty for a missing, malformed, unknown or revoked key. */
    Optional<Long> authenticate(@Nullable String authorization) {
        Optional<ApiKeyToken> token = ApiKeyToken.fromAuthorization(authorization);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = token.get().hash();
        Optional<ApiKeyRepository.Stored> stored = keys.findLive(hash);
        // found by hash already; the constant-time comparison keeps the decision independent of how the index compares
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().hash(), hash)) {
            return Optional.empty();
        }
        keys.touch(stored.get().id());
        return Optional.of(stored.get().id());
    }
}
