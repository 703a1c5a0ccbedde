package dev.opscenter.ingress.notify.template;

import dev.opscenter.common.notify.NotifyLimits;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import dev.opscenter.ingress.notify.StoredEvent;
import dev.opscenter.ingress.notify.StoredEvents;
import dev.opscenter.ingress.notify.Violation;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Admin CRUD of notification templates under /api/notification-templates (each change audited), and previews of saved
 * or unsaved templates against stored events.
 */
@Controller("/api/notification-templates")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TemplateController {
    private final TemplateRepository templates;
    private final TemplateRules rules;
    private final StoredEvents events;
    private final NotifyLimits limits;
    private final AuditTrail audit;

    TemplateController(
            TemplateRepository templates,
            TemplateRules rules,
            StoredEvents events,
            NotifyLimits limits,
            AuditTrail audit) {
        this.templates = templates;
        this.rules = rules;
        this.events = events;
        this.limits = limits;
        this.audit = audit;
    }

    /** Body of a preview request. */
    @Serdeable
    record PreviewRequest(@Nullable Long eventId) {}

    /** Body of a preview of unsaved text: the template's fields (the name may be left out) and a stored event. */
    @Serdeable
    record DraftPreviewRequest(
            @Nullable Long eventId,
            @Nullable String channelType,
            @Nullable String subject,
            @Nullable String body) {}

    @Get
    Map<String, List<Template>> list() {
        return Map.of("items", templates.list());
    }

    @Get("/{id}")
    Template get(long id) {
        return templates.find(id).orElseThrow(() -> ProblemException.notFound("template " + id));
    }

    @Post
    HttpResponse<Template> create(@Body TemplateInput in, HttpRequest<?> request) {
        TemplateRules.Checked t = rules.check(in);
        return HttpResponse.created(audit.change(() -> {
            Template created = templates
                    .insert(t.name(), t.channelType(), t.subject(), t.body())
                    .orElseThrow(() -> nameTaken(t.name()));
            audit.record(request, Action.CREATED, Resource.TEMPLATE, created.id(), created.name(), null, created);
            return created;
        }));
    }

    @Put("/{id}")
    Template update(long id, @Body TemplateInput in, HttpRequest<?> request) {
        TemplateRules.Checked t = rules.check(in);
        try {
            return audit.change(() -> {
                Template before = get(id);
                Template updated = templates
                        .update(id, t.name(), t.channelType(), t.subject(), t.body())
                        // it exists, so the type change was refused
                        .orElseThrow(() -> ProblemException.invalid(
                                "channelType",
                                "rules send this template through channels of its current type; create a new template"
                                        + " instead"));
                audit.record(request, Action.UPDATED, Resource.TEMPLATE, id, updated.name(), before, updated);
                return updated;
            });
        } catch (DataAccessException e) {
            if (Violation.UNIQUE.causedIt(e)) {
                throw nameTaken(t.name());
            }
            throw e;
        }
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id, HttpRequest<?> request) {
        try {
            audit.change(() -> {
                Template current = get(id);
                if (!templates.delete(id)) {
                    throw ProblemException.notFound("template " + id);
                }
                audit.record(request, Action.DELETED, Resource.TEMPLATE, id, current.name(), current, null);
                return current;
            });
        } catch (DataAccessException e) {
            if (Violation.FOREIGN_KEY.causedIt(e)) {
                throw new ProblemException(HttpStatus.CONFLICT, "Template in use", "rules use template " + id);
            }
            throw e;
        }
        return HttpResponse.noContent();
    }

    /** Renders the template against a stored event and its alert, exactly as the worker would; nothing is sent. */
    @Post("/{id}/preview")
    RenderedMessage preview(long id, @Body PreviewRequest request) {
        Template template = get(id);
        return MessageRenderer.render(template, storedEvent(request.eventId()).context(), limits);
    }

    /**
     * Renders unsaved template text against a stored event, as {@link #preview} does for a saved template, so an
     * editor can watch the message change while typing. The text is checked as a save would check it; nothing is
     * stored.
     */
    @Post("/preview")
    RenderedMessage previewDraft(@Body DraftPreviewRequest request) {
        TemplateRules.Checked t =
                rules.check(new TemplateInput("preview", request.channelType(), request.subject(), request.body()));
        Template draft = new Template(0, t.name(), t.channelType(), t.subject(), t.body(), null, null);
        return MessageRenderer.render(draft, storedEvent(request.eventId()).context(), limits);
    }

    private StoredEvent storedEvent(@Nullable Long id) {
        if (id == null) {
            throw ProblemException.invalid("eventId", "required: the id of a stored event");
        }
        return events.find(id).orElseThrow(() -> ProblemException.notFound("event " + id));
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, "Name taken", "a template named '" + name + "' exists");
    }
}
