package dev.opscenter.ingress.notify.rule;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import dev.opscenter.ingress.notify.Violation;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;

/**
 * Admin CRUD of notification rules under /api/notification-rules (each change audited), and dry-runs against recent
 * events.
 */
@Controller("/api/notification-rules")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RuleController {
    private final RuleRepository rules;
    private final RuleValidator validator;
    private final DryRunner dryRunner;
    private final Validator constraints;
    private final AuditTrail audit;

    RuleController(
            RuleRepository rules,
            RuleValidator validator,
            DryRunner dryRunner,
            Validator constraints,
            AuditTrail audit) {
        this.rules = rules;
        this.validator = validator;
        this.dryRunner = dryRunner;
        this.constraints = constraints;
        this.audit = audit;
    }

    @Get
    Map<String, List<Rule>> list() {
        return Map.of("items", rules.list());
    }

    @Get("/{id}")
    Rule get(long id) {
        return rules.find(id).orElseThrow(() -> ProblemException.notFound("rule " + id));
    }

    @Post
    HttpResponse<Rule> create(@Body RuleInput in, HttpRequest<?> request) {
        RuleDraft draft = validator.check(in);
        return HttpResponse.created(audit.change(() -> {
            Rule created = rules.insert(draft).orElseThrow(() -> nameTaken(draft.name()));
            audit.record(request, Action.CREATED, Resource.RULE, created.id(), created.name(), null, created);
            return created;
        }));
    }

    @Put("/{id}")
    Rule update(long id, @Body RuleInput in, HttpRequest<?> request) {
        Rule before = get(id);
        RuleDraft draft = validator.check(in);
        try {
            return audit.change(() -> {
                Rule updated = rules.update(id, draft).orElseThrow(() -> ProblemException.notFound("rule " + id));
                audit.record(request, Action.UPDATED, Resource.RULE, id, updated.name(), before, updated);
                return updated;
            });
        } catch (DataAccessException e) {
            if (Violation.UNIQUE.causedIt(e)) {
                throw nameTaken(draft.name());
            }
            throw e;
        }
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id, HttpRequest<?> request) {
        try {
            audit.change(() -> {
                Rule current = get(id);
                if (!rules.delete(id)) {
                    throw ProblemException.notFound("rule " + id);
                }
                audit.record(request, Action.DELETED, Resource.RULE, id, current.name(), current, null);
                return current;
            });
        } catch (DataAccessException e) {
            if (Violation.FOREIGN_KEY.causedIt(e)) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Rule has notifications",
                        "rule " + id + " has sent notifications, kept for audit; set active to false instead");
            }
            throw e;
        }
        return HttpResponse.noContent();
    }

    /** Shows what a stored or unsaved rule would send for the newest events; nothing is sent or stored. */
    @Post("/dry-run")
    DryRun.Result dryRun(@Body DryRun.Request request) {
        FieldErrors errors = new FieldErrors();
        if ((request.ruleId() == null) == (request.rule() == null)) {
            errors.add("ruleId", "give either ruleId or rule");
        }
        errors.check(constraints, request);
        errors.throwIfAny();
        int limit = request.limit() == null ? DryRun.Request.DEFAULT_LIMIT : request.limit();
        RuleInput input = request.rule() != null ? request.rule() : RuleInput.of(get(request.ruleId()));
        return dryRunner.run(validator.check(input), limit);
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, "Name taken", "a rule named '" + name + "' exists");
    }
}
