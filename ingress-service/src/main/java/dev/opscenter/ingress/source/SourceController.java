package dev.opscenter.ingress.source;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
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
import java.util.List;
import java.util.Map;

/**
 * Admin CRUD of webhook sources under /api/sources, each change audited. The secret is accepted on write and never
 * returned.
 */
@Controller("/api/sources")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SourceController {
    private final SourceRepository sources;
    private final AuditTrail audit;

    SourceController(SourceRepository sources, AuditTrail audit) {
        this.sources = sources;
        this.audit = audit;
    }

    @Get
    Map<String, List<SourceView>> list() {
        return Map.of("items", sources.list().stream().map(SourceView::of).toList());
    }

    @Get("/{id}")
    SourceView get(long id) {
        return sources.findById(id).map(SourceView::of).orElseThrow(() -> ProblemException.notFound("source " + id));
    }

    @Post
    HttpResponse<SourceView> create(@Body SourceInput in, HttpRequest<?> request) {
        FieldErrors errors = new FieldErrors();
        SourceKind kind = SourceRules.kind(in.kind(), errors);
        String slug = SourceRules.slug(in.slug(), errors);
        String name = SourceRules.name(in.name(), errors);
        String secret = SourceRules.secret(kind, in.secret(), errors);
        Map<String, Object> settings = SourceRules.settings(kind, in.settings(), errors);
        SourceRules.strength(kind, secret, settings, errors);
        errors.throwIfAny();
        boolean active = in.active() == null || in.active();
        return HttpResponse.created(audit.change(() -> {
            SourceView created = sources.insert(name, slug, kind, secret, settings, active)
                    .map(SourceView::of)
                    .orElseThrow(() -> new ProblemException(
                            HttpStatus.CONFLICT, "Slug taken", "a source with slug '" + slug + "' exists"));
            audit.record(request, Action.CREATED, Resource.SOURCE, created.id(), created.name(), null, created);
            return created;
        }));
    }

    @Put("/{id}")
    SourceView update(long id, @Body SourceInput in, HttpRequest<?> request) {
        Source current = sources.findById(id).orElseThrow(() -> ProblemException.notFound("source " + id));
        FieldErrors errors = new FieldErrors();
        if (in.slug() != null && !in.slug().equals(current.slug())) {
            errors.add("slug", "cannot change: providers are configured with the URL");
        }
        SourceKind kind = in.kind() == null ? current.kind() : SourceRules.kind(in.kind(), errors);
        if (kind != null && kind != current.kind()) {
            errors.add("kind", "cannot change: create a new source instead");
        }
        String name = in.name() == null ? current.name() : SourceRules.name(in.name(), errors);
        String secret = in.secret() == null ? null : SourceRules.secret(current.kind(), in.secret(), errors);
        Map<String, Object> settings = in.settings() == null
                ? current.settings()
                : SourceRules.settings(current.kind(), in.settings(), errors);
        if (in.secret() != null || in.settings() != null) {
            SourceRules.strength(current.kind(), secret == null ? current.secret() : secret, settings, errors);
        }
        errors.throwIfAny();
        boolean active = in.active() == null ? current.active() : in.active();
        return audit.change(() -> {
            SourceView updated = sources.update(id, name, secret, settings, active)
                    .map(SourceView::of)
                    .orElseThrow(() -> ProblemException.notFound("source " + id));
            audit.record(request, Action.UPDATED, Resource.SOURCE, id, updated.name(), SourceView.of(current), updated);
            return updated;
        });
    }

    /** Soft delete: the source stops accepting webhooks, its events and alerts stay for audit. */
    @Delete("/{id}")
    HttpResponse<Void> delete(long id, HttpRequest<?> request) {
        audit.change(() -> {
            SourceView current = get(id);
            if (sources.softDelete(id).isEmpty()) {
                throw ProblemException.notFound("source " + id);
            }
            audit.record(request, Action.DELETED, Resource.SOURCE, id, current.name(), current, null);
            return current;
        });
        return HttpResponse.noContent();
    }
}
