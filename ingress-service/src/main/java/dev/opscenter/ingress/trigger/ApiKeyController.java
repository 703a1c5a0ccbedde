package dev.opscenter.ingress.trigger;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Admin API over API keys under /api/api-keys: create (the only time the key is shown), list, revoke. Creating and
 * revoking are audited with the key's list view: never the key or its hash.
 */
@Controller("/api/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApiKeyController {
    private final ApiKeyRepository keys;
    private final Validator validator;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    ApiKeyController(ApiKeyRepository keys, Validator validator, AuditTrail audit) {
        this.keys = keys;
        this.validator = validator;
        this.audit = audit;
    }

    /** Body of a create request. */
    @Serdeable
    record CreateRequest(
            @Nullable @NotBlank(message = NAME) @Size(max = MAX_NAME, message = NAME)
            String name) {
        static final int MAX_NAME = 200;
        static final String NAME = "required, at most " + MAX_NAME + " characters";
    }

    /** A new key, with the key in clear: the one response that carries it. */
    @Serdeable
    record CreatedKey(long id, String name, String prefix, String key, Instant createdAt) {}

    @Post
    HttpResponse<CreatedKey> create(@Body CreateRequest in, HttpRequest<?> request) {
        FieldErrors errors = new FieldErrors();
        errors.check(validator, in);
        errors.throwIfAny();
        ApiKeyToken token = ApiKeyToken.generate(random);
        ApiKeyView saved = audit.change(() -> {
            ApiKeyView created = keys.insert(in.name().trim(), token.prefix(), token.hash());
            audit.record(request, Action.CREATED, Resource.API_KEY, created.id(), created.name(), null, created);
            return created;
        });
        return HttpResponse.created(
                        new CreatedKey(saved.id(), saved.name(), saved.prefix(), token.value(), saved.createdAt()))
                .header("Cache-Control", "no-store");
    }

    @Get
    Map<String, List<ApiKeyView>> list() {
        return Map.of("items", keys.list());
    }

    /** Revokes the key at once: its next request gets 401. The row stays, so events keep naming their key. */
    @Delete("/{id}")
    HttpResponse<Void> revoke(long id, HttpRequest<?> request) {
        audit.change(() -> {
            ApiKeyView before = keys.find(id).orElseThrow(() -> ProblemException.notFound("API key " + id));
            keys.revoke(id)
                    .ifPresent(after ->
                            audit.record(request, Action.REVOKED, Resource.API_KEY, id, before.name(), before, after));
            return before;
        });
        return HttpResponse.noContent();
    }
}
