package dev.opscenter.ingress.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A console user as the API shows it: never the password hash. {@code email} is where rules that address users (an
 * audience on an e-mail channel) send; a user without one is skipped.
 */
@Serdeable
public record User(
        long id,
        String username,
        @Nullable String displayName,
        @Nullable String email,
        String role,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastLoginAt) {}
