package dev.opscenter.ingress.notify.group;

import dev.opscenter.common.problem.ProblemException;
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
    private static final int MAX_DESCRIPTION = 2_000;

    private final GroupRepository groups;

    GroupController(GroupRepository groups) {
        this.groups = groups;
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
        String name = Names.valid(in.name());
        return HttpResponse.created(groups.insert(name, description(in.description())).orElseThrow(() -> nameTaken(name)));
    }

    @Put("/{id}")
    RecipientGroup update(long id, @Body GroupInput in) {
        String name = Names.valid(in.name());
        boolean updated;
        try {
            updated = groups.update(id, name, description(in.description()));
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
                throw new ProblemException(HttpStatus.CONFLICT, "Group in use",
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
        List<String> recipients = Recipients.valid("recipients", in.recipients(), 1, MAX_PER_CALL);
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
        List<String> recipients = Recipients.valid("recipients", in.recipients(), 1, MAX_PER_CALL);
        get(id);
        return new Removed(groups.remove(id, recipients), groups.count(id));
    }

    private static String description(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw ProblemException.invalid("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        return description.strip();
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, "Name taken", "a recipient group named '" + name + "' exists");
    }
}
