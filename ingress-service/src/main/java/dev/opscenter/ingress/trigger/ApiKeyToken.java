package dev.opscenter.ingress.trigger;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ApiKeyToken is an API key in clear: {@code ok_} and 43 base64url characters (32 random bytes). Only its SHA-256
 * is stored; the clear key exists once, in the response that creates it.
 */
record ApiKeyToken(String value) {
    private static final String MARK = "ok_";
    private static final int RANDOM_BYTES = 32;
    /** {@code ok_} and 8 characters: enough to tell keys apart in a list, far too little to guess the rest. */
    private static final int PREFIX_LENGTH = MARK.length() + 8;

    private static final Pattern FORMAT = Pattern.compile("ok_[A-Za-z0-9_-]{43}");
    private static final String BEARER = "Bearer ";

    /** A new random key. */
    static ApiKeyToken generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new ApiKeyToken(MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The key an {@code Authorization: Bearer ok_…} header carries; empty when absent or not shaped like a key. */
    static Optional<ApiKeyToken> fromAuthorization(@Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = header.substring(BEARER.length()).trim();
        return FORMAT.matcher(key).matches() ? Optional.of(new ApiKeyToken(key)) : Optional.empty();
    }

    /** The first characters, stored in clear and shown in lists. */
    String prefix() {
        return value.substring(0, PREFIX_LENGTH);
    }

    /** SHA-256 of the key's characters: what is stored and looked up. */
    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Never the key itself, so a stray log line cannot leak it. */
    @Override
    public String toString() {
        return prefix() + "…";
    }
}
