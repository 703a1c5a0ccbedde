package dev.opscenter.ingress.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A console user as the API shows it: never the password hash. */
@Serdeable
public record User(
        long id,
        String username,
        @Nullable String displayName,
        String role,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastLoginAt) {}
