package dev.opscenter.ingress.notify.group;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
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
import io.micronaut.http.HttpRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admin CRUD of recipient groups under /api/recipient-groups, and their members; each change audited. */
@Controller("/api/recipient-groups")
@ExecuteOn(TaskExecutors.BLOCKING)
final class GroupController {
    /** Most recipients one add or remove call takes. */
    private static final int MAX_PER_CALL = 10_000;

    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1_000;
    /** Most recipients one audit record of an add or remove lists (it counts them all). */
    private static final int AUDITED_RECIPIENTS = 100;

    private final GroupRepository groups;
    private final Validator validator;
    private final AuditTrail audit;

    GroupController(GroupRepository groups, Validator validator, AuditTrail audit) {
        this.groups = groups;
        this.validator = validator;
        this.audit = audit;
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
    HttpResponse<RecipientGroup> create(@Body GroupInput in, HttpRequest<?> request) {
        String name = checkedName(in);
        return HttpResponse.created(audit.change(() -> {
            RecipientGroup created = groups.insert(name, in.cleanDescription()).orElseThrow(() -> nameTaken(name));
            audit.record(request, Action.CREATED, Resource.GROUP, created.id(), name, null, created);
            return created;
        }));
    }

    @Put("/{id}")
    RecipientGroup update(long id, @Body GroupInput in, HttpRequest<?> request) {
        String name = checkedName(in);
        try {
            return audit.change(() -> {
                RecipientGroup before = get(id);
                if (!groups.update(id, name, in.cleanDescription())) {
                    throw ProblemException.notFound("recipient group " + id);
                }
                RecipientGroup after = get(id);
                audit.record(request, Action.UPDATED, Resource.GROUP, id, name, before, after);
                return after;
            });
        } catch (DataAccessException e) {
            if (Violation.UNIQUE.causedIt(e)) {
                throw nameTaken(name);
            }
            throw e;
        }
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id, HttpRequest<?> request) {
        try {
            audit.change(() -> {
                RecipientGroup current = get(id);
                if (!groups.delete(id)) {
                    throw ProblemException.notFound("recipient group " + id);
                }
                audit.record(request, Action.DELETED, Resource.GROUP, id, current.name(), current, null);
                return current;
            });
        } catch (DataAccessException e) {
            if (Violation.FOREIGN_KEY.causedIt(e)) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Group in use",
                        "rules or notification fan-outs refer to recipient group " + id);
            }
            throw e;
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
    Added addMembers(long id, @Body Members in, HttpRequest<?> request) {
        List<String> recipients = recipients(in);
        try {
            return audit.change(() -> {
                RecipientGroup before = get(id);
                Added added = new Added(groups.add(id, recipients), groups.count(id));
                recordMembers(request, Action.MEMBERS_ADDED, before, added.added(), added.total(), recipients);
                return added;
            });
        } catch (DataAccessException e) {
            if (Violation.FOREIGN_KEY.causedIt(e)) {
                throw ProblemException.notFound("recipient group " + id); // deleted meanwhile
            }
            throw e;
        }
    }

    @Delete("/{id}/members")
    Removed removeMembers(long id, @Body Members in, HttpRequest<?> request) {
        List<String> recipients = recipients(in);
        return audit.change(() -> {
            RecipientGroup before = get(id);
            Removed removed = new Removed(groups.remove(id, recipients), groups.count(id));
            recordMembers(request, Action.MEMBERS_REMOVED, before, removed.removed(), removed.total(), recipients);
            return removed;
        });
    }

    /**
     * Audits an add or remove that changed the group: the member count before and after, and the recipients the call
     * named (the first 100, with how many it named).
     */
    private void recordMembers(
            HttpRequest<?> request,
            Action action,
            RecipientGroup before,
            int changed,
            long total,
            List<String> recipients) {
        if (changed == 0) {
            return;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("memberCount", total);
        after.put("recipients", recipients.subList(0, Math.min(recipients.size(), AUDITED_RECIPIENTS)));
        after.put("recipientsNamed", recipients.size());
        audit.record(
                request,
                action,
                Resource.GROUP,
                before.id(),
                before.name(),
                Map.of("memberCount", before.memberCount()),
                after);
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
