package dev.opscenter.ingress.notify.channel;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.vocabulary.ChannelType;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import dev.opscenter.ingress.notify.Names;
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
import java.util.List;
import java.util.Map;

/**
 * Admin CRUD of channels under /api/channels. The secret and webhook header values are accepted on write and never
 * returned; pointing a channel at another destination requires them again. Each change is audited with the channel's
 * view, which carries neither.
 */
@Controller("/api/channels")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ChannelController {
    private final ChannelRepository channels;
    private final ChannelRules rules;
    private final AuditTrail audit;

    ChannelController(ChannelRepository channels, ChannelRules rules, AuditTrail audit) {
        this.channels = channels;
        this.rules = rules;
        this.audit = audit;
    }

    @Get
    Map<String, List<Channel>> list() {
        return Map.of("items", channels.list());
    }

    @Get("/{id}")
    Channel get(long id) {
        return channels.find(id).orElseThrow(() -> ProblemException.notFound("channel " + id));
    }

    @Post
    HttpResponse<Channel> create(@Body ChannelInput in, HttpRequest<?> request) {
        FieldErrors errors = new FieldErrors();
        String name = Names.valid(in.name(), errors);
        ChannelType type = errors.parse("type", in.type(), ChannelType::parse);
        Map<String, Object> config = in.config() == null ? Map.of() : in.config();
        if (type != null) {
            rules.check(type, config, in.secret(), false, errors);
        }
        errors.throwIfAny();
        return HttpResponse.created(audit.change(() -> {
            Channel created = channels.insert(name, type, config, in.secret(), in.active() == null || in.active())
                    .orElseThrow(() -> nameTaken(name));
            audit.record(request, Action.CREATED, Resource.CHANNEL, created.id(), name, null, created);
            return created;
        }));
    }

    /** Replaces name, config and active; the type cannot change because templates and rules were written for it. */
    @Put("/{id}")
    Channel update(long id, @Body ChannelInput in, HttpRequest<?> request) {
        Channel current = get(id);
        FieldErrors errors = new FieldErrors();
        if (in.type() != null && !in.type().equals(current.type().wire())) {
            errors.add("type", "cannot change: create a new channel instead");
        }
        String name = in.name() == null ? current.name() : Names.valid(in.name(), errors);
        ChannelType type = current.type();
        Map<String, Object> stored =
                channels.storedConfig(id).orElseThrow(() -> ProblemException.notFound("channel " + id));
        // no config keeps the stored one; its header values go through the same mask as any the client sends back
        Map<String, Object> config = in.config() == null ? WebhookHeaders.masked(stored) : in.config();
        rules.check(type, config, in.secret(), current.hasSecret(), errors);
        boolean moved = ChannelRules.destinationChanged(type, stored, config);
        if (moved && current.hasSecret() && in.secret() == null) {
            errors.add(
                    "secret",
                    "enter it again: the destination changed, and the stored secret only goes where it went before");
        }
        Map<String, Object> unmasked = WebhookHeaders.unmasked(config, stored, moved, errors);
        errors.throwIfAny();
        boolean active = in.active() == null ? current.active() : in.active();
        try {
            return audit.change(() -> {
                Channel updated = channels.update(id, name, unmasked, in.secret(), active)
                        .orElseThrow(() -> ProblemException.notFound("channel " + id));
                audit.record(request, Action.UPDATED, Resource.CHANNEL, id, name, current, updated);
                return updated;
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
                Channel current = get(id);
                if (!channels.delete(id)) {
                    throw ProblemException.notFound("channel " + id);
                }
                audit.record(request, Action.DELETED, Resource.CHANNEL, id, current.name(), current, null);
                return current;
            });
        } catch (DataAccessException e) {
            if (Violation.FOREIGN_KEY.causedIt(e)) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "Channel in use",
                        "rules or notification history refer to channel " + id + "; deactivate it instead");
            }
            throw e;
        }
        return HttpResponse.noContent();
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, "Name taken", "a channel named '" + name + "' exists");
    }
}
