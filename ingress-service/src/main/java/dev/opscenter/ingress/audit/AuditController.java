package dev.opscenter.ingress.audit;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.api.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /api/audit}: the audit log newest first, filtered by actor, resource and action, keyset-paged. */
@Controller("/api/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditController {
    private final Database db;
    private final JsonMapper json;

    AuditController(Database db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Get
    Page<AuditEntry> list(
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue String resourceType,
            @Nullable @QueryValue String resourceId,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue Long before,
            @Nullable @QueryValue Integer limit) {
        FieldErrors errors = new FieldErrors();
        Resource type = resourceType == null ? null : errors.parse("resourceType", resourceType, Resource::parse);
        Action done = action == null ? null : errors.parse("action", action, Action::parse);
        if (resourceId != null && type == null && !errors.has("resourceType")) {
            errors.add("resourceId", "give resourceType with it");
        }
        errors.throwIfAny();
        int size = Page.size(limit);
        return Page.of(
                db.list(
                        """
                        SELECT id, at, actor, action, resource_type, resource_id, resource_name, before::text AS before,
                               after::text AS after
                          FROM audit_log
                         WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
                           AND (CAST(:resource_type AS text) IS NULL OR resource_type = :resource_type)
                           AND (CAST(:resource_id AS text) IS NULL OR resource_id = :resource_id)
                           AND (CAST(:action AS text) IS NULL OR action = :action)
                           AND (CAST(:before AS bigint) IS NULL OR id < :before)
                         ORDER BY id DESC
                         LIMIT :limit""",
                        Params.of("actor", actor)
                                .and("resource_type", type)
                                .and("resource_id", resourceId)
                                .and("action", done)
                                .and("before", before)
                                .and("limit", size),
                        r -> new AuditEntry(
                                r.getLong("id"),
                                r.getTimestamp("at").toInstant(),
                                r.getString("actor"),
                                Action.parse(r.getString("action")),
                                Resource.parse(r.getString("resource_type")),
                                r.getString("resource_id"),
                                r.getString("resource_name"),
                                Json.read(json, r.getString("before")),
                                Json.read(json, r.getString("after")))),
                size,
                AuditEntry::id);
    }
}
