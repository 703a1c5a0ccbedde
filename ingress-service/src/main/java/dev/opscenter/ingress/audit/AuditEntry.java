package dev.opscenter.ingress.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * AuditEntry is one row of the audit log as {@code GET /api/audit} lists it.
 *
 * @param before the resource's public view before the change (null for a create)
 * @param after  its public view after the change (null for a delete)
 */
@Serdeable
record AuditEntry(
        long id,
        Instant at,
        String actor,
        Action action,
        Resource resourceType,
        @Nullable String resourceId,
        @Nullable String resourceName,
        @Nullable Object before,
        @Nullable Object after) {}
