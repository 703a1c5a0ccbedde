package dev.opscenter.ingress.audit;

import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Json;
import dev.opscenter.common.sql.Params;
import dev.opscenter.ingress.api.Actor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * AuditTrail records each change made through the admin API: who (the request's {@link Actor}), what (an
 * {@link Action} on a {@link Resource}), when, and the resource's public view before and after. A controller runs the
 * change and its record in one {@link #change transaction}, so both commit or neither does, and a refused change
 * (thrown before or after the write) leaves no row.
 */
@Singleton
public final class AuditTrail {
    /**
     * Top-level fields no recorded view may have: the names under which secrets travel in requests and answers. A view
     * that has one is a bug, and the change fails rather than store it.
     */
    static final Set<String> SECRET_FIELDS =
            Set.of("secret", "key", "keyHash", "hash", "password", "token", "secretEncrypted");

    private final Database db;
    private final JsonMapper json;
    private final TransactionOperations<Connection> tx;

    AuditTrail(Database db, JsonMapper json, TransactionOperations<Connection> tx) {
        this.db = db;
        this.json = json;
        this.tx = tx;
    }

    /** Runs a change and the {@link #record}s it makes in one transaction; anything it throws rolls both back. */
    public <T> T change(Supplier<T> change) {
        return tx.executeWrite(status -> change.get());
    }

    /**
     * Records one change; called inside {@link #change}, so the row commits with the change.
     *
     * @param id     the resource's id, null for a change to many (a bulk retry)
     * @param name   what people call it (a name, slug or title), null when it has none
     * @param before the resource's public view before the change, null for a create
     * @param after  its public view after the change, null for a delete
     */
    public void record(
            HttpRequest<?> request,
            Action action,
            Resource resource,
            @Nullable Object id,
            @Nullable String name,
            @Nullable Object before,
            @Nullable Object after) {
        if (tx.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("an audit record outside the transaction of its change: " + action);
        }
        db.update(
                """
                INSERT INTO audit_log (actor, action, resource_type, resource_id, resource_name, before, after)
                VALUES (:actor, :action, :resource_type, :resource_id, :resource_name, CAST(:before AS jsonb),
                        CAST(:after AS jsonb))""",
                Params.of("actor", Actor.of(request))
                        .and("action", action)
                        .and("resource_type", resource)
                        .and("resource_id", id == null ? null : String.valueOf(id))
                        .and("resource_name", name)
                        .and("before", view(before))
                        .and("after", view(after)));
    }

    /** The view as JSON text, once it is found free of secret fields. */
    @Nullable
    private String view(@Nullable Object view) {
        if (view == null) {
            return null;
        }
        String text = Json.write(json, view);
        Map<String, Object> fields = Json.readMap(json, text);
        for (String field : SECRET_FIELDS) {
            if (fields.containsKey(field)) {
                throw new IllegalArgumentException("an audited view has a '" + field + "' field: "
                        + view.getClass().getName());
            }
        }
        return text;
    }
}
