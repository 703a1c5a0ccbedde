package dev.opscenter.common.startup;

import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * SecretRules says what is wrong with an admin token or a secret key outside development. A problem names the
 * variable and the rule, never the value, so it can be logged.
 */
public final class SecretRules {
    private static final DevSecrets DEV = DevSecrets.load();
    /** The admin token the dev environment runs with ({@value DevSecrets#RESOURCE}). */
    public static final String DEV_ADMIN_TOKEN = DEV.adminToken();
    /** The secret key the dev environment runs with ({@value DevSecrets#RESOURCE}). */
    public static final String DEV_SECRET_KEY = DEV.secretKey();
    /** Shortest accepted admin token: what {@code openssl rand -base64 32} prints is 44 characters. */
    public static final int MIN_TOKEN_LENGTH = 32;
    /** AES-256 needs exactly this many key bytes. */
    public static final int KEY_BYTES = 32;

    /** Every token value the docs have ever shown as an example. */
    private static final Set<String> DOCUMENTED_TOKENS = Set.of(DEV_ADMIN_TOKEN, "REPLACE_ME");

    private SecretRules() {}

    /** What is wrong with this admin token, if anything. */
    public static Optional<String> adminTokenProblem(String token) {
        if (token == null || token.isBlank()) {
            return Optional.of("OPSCENTER_ADMIN_TOKEN is not set");
        }
        if (DOCUMENTED_TOKENS.contains(token.strip())) {
            return Optional.of("OPSCENTER_ADMIN_TOKEN is the documented development token");
        }
        if (token.strip().length() < MIN_TOKEN_LENGTH) {
            return Optional.of("OPSCENTER_ADMIN_TOKEN is shorter than " + MIN_TOKEN_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** What is wrong with this secret key (base64 of 32 random bytes), if anything. */
    public static Optional<String> secretKeyProblem(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of("OPSCENTER_SECRET_KEY is not set");
        }
        if (key.strip().equals(DEV_SECRET_KEY)) {
            return Optional.of("OPSCENTER_SECRET_KEY is the documented development key");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("OPSCENTER_SECRET_KEY is not base64");
        }
        if (decoded.length != KEY_BYTES) {
            return Optional.of("OPSCENTER_SECRET_KEY decodes to " + decoded.length + " bytes, not " + KEY_BYTES);
        }
        return Optional.empty();
    }
}
