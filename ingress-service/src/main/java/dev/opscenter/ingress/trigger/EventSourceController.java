package dev.opscenter.ingress.trigger;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.sql.Json;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;

/** Admin CRUD of event sources under /api/event-sources: the named events services may trigger, and their schemas. */
@Controller("/api/event-sources")
@ExecuteOn(TaskExecutors.BLOCKING)
final class EventSourceController {
    private final EventSourceRepository sources;
    private final PayloadSchemas schemas;
    private final JsonMapper json;
    private final Validator validator;
    private final AuditTrail audit;

    EventSourceController(
            EventSourceRepository sources,
            PayloadSchemas schemas,
            JsonMapper json,
            Validator validator,
            AuditTrail audit) {
        this.sources = sources;
        this.schemas = schemas;
        this.json = json;
        this.validator = validator;
        this.audit = audit;
    }

    @Get
    Map<String, List<EventSourceView>> list() {
        return Map.of(
                "items",
                sources.list().stream().map(s -> EventSourceView.of(s, json)).toList());
    }

    @Get("/{id}")
    EventSourceView get(long id) {
        return sources.findById(id)
                .map(s -> EventSourceView.of(s, json))
                .orElseThrow(() -> ProblemException.notFound("event source " + id));
    }

    @Post
    HttpResponse<EventSourceView> create(@Body EventSourceInput in, HttpRequest<?> request) {
        FieldErrors errors = new FieldErrors();
        String name = EventSourceRules.name(in.name(), errors);
        errors.check(validator, in);
        boolean raisesAlert = Boolean.TRUE.equals(in.raisesAlert());
        String severity = EventSourceRules.alertSeverity(raisesAlert, in.alertSeverity(), errors);
        String schema = in.payloadSchema() == null ? null : schemaJson(in.payloadSchema(), errors);
        errors.throwIfAny();
        return HttpResponse.created(audit.change(() -> {
            EventSourceView created = sources.insert(
                            name,
                            EventSourceRules.description(in.description()),
                            schema,
                            in.active() == null || in.active(),
                            raisesAlert,
                            severity)
                    .map(s -> EventSourceView.of(s, json))
                    .orElseThrow(() -> new ProblemException(
                            HttpStatus.CONFLICT, "Name taken", "an event source named '" + name + "' exists"));
            audit.record(request, Action.CREATED, Resource.EVENT_SOURCE, created.id(), name, null, created);
            return created;
        }));
    }

    /** Updates the given fields. The name is fixed: callers trigger by it, and stored events carry it. */
    @Put("/{id}")
    EventSourceView update(long id, @Body EventSourceInput in, HttpRequest<?> request) {
        EventSource current = sources.findById(id).orElseThrow(() -> ProblemException.notFound("event source " + id));
        FieldErrors errors = new FieldErrors();
        if (in.name() != null && !in.name().equals(current.name())) {
            errors.add("name", "cannot change: callers trigger by name; create a new event source instead");
        }
        errors.check(validator, in);
        boolean raisesAlert = in.raisesAlert() == null ? current.raisesAlert() : in.raisesAlert();
        String severity = EventSourceRules.alertSeverity(
                raisesAlert, in.alertSeverity() == null ? current.alertSeverity() : in.alertSeverity(), errors);
        String description =
                in.description() == null ? current.description() : EventSourceRules.description(in.description());
        String schema = in.payloadSchema() == null ? current.payloadSchema() : schemaJson(in.payloadSchema(), errors);
        errors.throwIfAny();
        boolean active = in.active() == null ? current.active() : in.active();
        EventSourceView updated = audit.change(() -> {
            EventSourceView after = sources.update(id, description, schema, active, raisesAlert, severity)
                    .map(s -> EventSourceView.of(s, json))
                    .orElseThrow(() -> ProblemException.notFound("event source " + id));
            audit.record(
                    request,
                    Action.UPDATED,
                    Resource.EVENT_SOURCE,
                    id,
                    after.name(),
                    EventSourceView.of(current, json),
                    after);
            return after;
        });
        schemas.forget(id);
        return updated;
    }

    /** Deletes an unused event source; one with events stays for audit (409): deactivate it instead. */
    @Delete("/{id}")
    HttpResponse<Void> delete(long id, HttpRequest<?> request) {
        audit.change(() -> {
            EventSourceView current = get(id);
            EventSourceRepository.Removal removal = sources.delete(id);
            if (removal == EventSourceRepository.Removal.NOT_FOUND) {
                throw ProblemException.notFound("event source " + id);
            }
            if (removal == EventSourceRepository.Removal.IN_USE) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Event source in use",
                        "events, alerts or rules refer to event source " + id
                                + "; deactivate it instead: PUT {\"active\": false}");
            }
            audit.record(request, Action.DELETED, Resource.EVENT_SOURCE, id, current.name(), current, null);
            return removal;
        });
        schemas.forget(id);
        return HttpResponse.noContent();
    }

    /** The schema as stored JSON text, once it is found a valid JSON Schema; null when it is {@code {}} or invalid. */
    @Nullable
    private String schemaJson(Object schema, FieldErrors errors) {
        Map<String, Object> object = EventSourceRules.payloadSchema(schema, errors);
        if (object == null) {
            return null;
        }
        String text = Json.write(json, object);
        schemas.check(text, errors);
        return text;
    }
}
