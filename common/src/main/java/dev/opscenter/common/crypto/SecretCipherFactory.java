package dev.opscenter.common.crypto;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Builds the cipher for secrets at rest from {@code opscenter.secret-key} (env OPSCENTER_SECRET_KEY); created on first use. */
@Factory
final class SecretCipherFactory {
    @Singleton
    SecretCipher secretCipher(@Value("${opscenter.secret-key}") String key) {
        return SecretCipher.fromBase64Key(key);
    }
}
