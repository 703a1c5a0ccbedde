package dev.opscenter.ingress.notify.group;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.notify.Names;
import dev.opscenter.ingress.notify.Recipients;
import dev.opscenter.ingress.notify.Violation;
import dev.opscenter.ingress.notify.group.GroupInputs.Added;
import dev.opscenter.ingress.notify.group.GroupInputs.GroupInput;
import dev.opscenter.ingress.notify.group.GroupInputs.MemberPage;
import dev.opscenter.ingress.notify.group.GroupInputs.Members;
import dev.opscenter.ingress.notify.group.GroupInputs.Removed;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;

/** Admin CRUD of recipient groups under /api/recipient-groups, and their members. */
@Controller("/api/recipient-groups")
@ExecuteOn(TaskExecutors.BLOCKING)
final class GroupController {
    /** Most recipients one add or remove call takes. */
    private static final int MAX_PER_CALL = 10_000;

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1_000;

    private final GroupRepository groups;
    private final Validator validator;

    GroupController(GroupRepository groups, Validator validator) {
        this.groups = groups;
        this.validator = validator;
    }

    @Get
    Map<String, List<RecipientGroup>> list() {
        return Map.of("items", groups.list());
    }

    @Get("/{id}")
    RecipientGroup get(long id) {
        return groups.find(id).orElseThrow(() -> ProblemException.notFound("recipient group " + id));
    }

    @Post
    HttpResponse<RecipientGroup> create(@Body GroupInput in) {
        String name = checkedName(in);
        return HttpResponse.created(groups.insert(name, in.cleanDescription()).orElseThrow(() -> nameTaken(name)));
    }

    @Put("/{id}")
    RecipientGroup update(long id, @Body GroupInput in) {
        String name = checkedName(in);
        boolean updated;
        try {
            updated = groups.update(id, name, in.cleanDescription());
        } catch (DataAccessException e) {
            if (Violation.UNIQUE.causedIt(e)) {
                throw nameTaken(name);
            }
            throw e;
        }
        if (!updated) {
            throw ProblemException.notFound("recipient group " + id);
        }
        return get(id);
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        boolean deleted;
        try {
            deleted = groups.delete(id);
        } catch (DataAccessException e) {
            if (Violation.FOREIGN_KEY.causedIt(e)) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Group in use",
                        "rules or notification fan-outs refer to recipient group " + id);
            }
            throw e;
        }
        if (!deleted) {
            throw ProblemException.notFound("recipient group " + id);
        }
        return HttpResponse.noContent();
    }

    @Get("/{id}/members")
    MemberPage members(long id, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String after) {
        get(id);
        int size = limit == null || limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
        List<String> items = groups.members(id, after, size);
        return new MemberPage(items, items.size() == size ? items.get(items.size() - 1) : null);
    }

    @Post("/{id}/members")
    Added addMembers(long id, @Body Members in) {
        List<String> recipients = recipients(in);
        get(id);
        int added;
        try {
            added = groups.add(id, recipients);
        } catch (DataAccessException e) {
            if (Violation.FOREIGN_KEY.causedIt(e)) {
                throw ProblemException.notFound("recipient group " + id); // deleted meanwhile
            }
            throw e;
        }
        return new Added(added, groups.count(id));
    }

    @Delete("/{id}/members")
    Removed removeMembers(long id, @Body Members in) {
        List<String> recipients = recipients(in);
        get(id);
        return new Removed(groups.remove(id, recipients), groups.count(id));
    }

    /** The trimmed name, once the whole input is valid (422 naming every invalid field otherwise). */
    private String checkedName(GroupInput in) {
        FieldErrors errors = new FieldErrors();
        String name = Names.valid(in.name(), errors);
        errors.check(validator, in);
        errors.throwIfAny();
        return name;
    }

    private static List<String> recipients(Members in) {
        FieldErrors errors = new FieldErrors();
        List<String> recipients = Recipients.valid("recipients", in.recipients(), 1, MAX_PER_CALL, errors);
        errors.throwIfAny();
        return recipients;
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, "Name taken", "a recipient group named '" + name + "' exists");
    }
}
