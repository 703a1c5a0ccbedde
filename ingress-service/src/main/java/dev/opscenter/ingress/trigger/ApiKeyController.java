package dev.opscenter.ingress.trigger;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.FieldErrors;
import io.micronaut.core.annotation.Nullable;
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

/** Admin API over API keys under /api/api-keys: create (the only time the key is shown), list, revoke. */
@Controller("/api/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApiKeyController {
    private final ApiKeyRepository keys;
    private final Validator validator;
    private final SecureRandom random = new SecureRandom();

    ApiKeyController(ApiKeyRepository keys, Validator validator) {
        this.keys = keys;
        this.validator = validator;
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
    HttpResponse<CreatedKey> create(@Body CreateRequest in) {
        FieldErrors errors = new FieldErrors();
        errors.check(validator, in);
        errors.throwIfAny();
        ApiKeyToken token = ApiKeyToken.generate(random);
        ApiKeyView saved = keys.insert(in.name().trim(), token.prefix(), token.hash());
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
    HttpResponse<Void> revoke(long id) {
        if (!keys.revoke(id)) {
            throw ProblemException.notFound("API key " + id);
        }
        return HttpResponse.noContent();
    }
}
