package dev.opscenter.ingress.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A user as sent to {@code POST /api/users} and {@code PUT /api/users/{id}}. The name is fixed at creation; on an edit a
 * null password keeps the current one, and a set one replaces it and signs the user out everywhere. {@code disabled}
 * defaults to false. {@code email} is optional (blank clears it).
 */
@Serdeable
record UserInput(
        @Nullable String username,
        @Nullable String displayName,
        @Nullable String email,
        @Nullable String role,
        @Nullable String password,
        @Nullable Boolean disabled) {}
