package dev.opscenter.ingress.source;

import dev.opscenter.common.crypto.SecretCipher;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Builds the cipher for source secrets from {@code opscenter.secret-key} (env OPSCENTER_SECRET_KEY). */
@Factory
final class SecretKeyConfig {
    @Singleton
    SecretCipher secretCipher(@Value("${opscenter.secret-key}") String key) {
        return SecretCipher.fromBase64Key(key);
    }
}
