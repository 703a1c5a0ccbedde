package dev.opscenter.ingress.relay;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.relay.RelaySignatures;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.audit.Action;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import dev.opscenter.ingress.notify.Violation;
import io.micronaut.context.annotation.Value;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admin CRUD of relay subscriptions under /api/subscriptions, and secret rotation. The secret is shown once, in the
 * answer to create or rotate-secret, and never again; custom header values are write-only. Each change is audited
 * with the subscription's view, which carries neither.
 */
@Controller("/api/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SubscriptionController {
    private final SubscriptionRepository subscriptions;
    private final SubscriptionRules rules;
    private final EndpointHealthRepository health;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration rotationGrace;
    private final AuditTrail audit;

    SubscriptionController(
            SubscriptionRepository subscriptions,
            SubscriptionRules rules,
            EndpointHealthRepository health,
            JsonMapper json,
            Clock clock,
            @Value("${opscenter.relay.rotation-grace}") Duration rotationGrace,
            AuditTrail audit) {
        this.subscriptions = subscriptions;
        this.rules = rules;
        this.health = health;
        this.json = json;
        this.clock = clock;
        this.rotationGrace = rotationGrace;
        this.audit = audit;
    }

    /** The answer to create: the subscription and, this once, its secret. */
    @Serdeable
    record Created(@JsonUnwrapped Subscription subscription, String secret) {}

    /** Body of rotate-secret: the new secret, or none to have one generated. */
    @Serdeable
    record Rotation(@Nullable String secret) {}

    /** The answer to rotate-secret: the new secret, this once, and until when the previous one still signs. */
    @Serdeable
    record Rotated(long id, String secret, Instant previousSecretExpiresAt) {}

    /** A subscription in the list, with its endpoint's last hour. */
    @Serdeable
    record Listed(@JsonUnwrapped Subscription subscription, EndpointHealthRepository.Summary health) {}

    /** Every subscription by name, each with its last hour's attempts and success rate (one query for them all). */
    @Get
    Map<String, List<Listed>> list() {
        Map<Long, EndpointHealthRepository.Summary> hour = health.lastHour(clock.instant());
        return Map.of(
                "items",
                subscriptions.list().stream()
                        .map(s -> new Listed(s, hour.getOrDefault(s.id(), EndpointHealthRepository.Summary.NONE)))
                        .toList());
    }

    @Get("/{id}")
    Subscription get(long id) {
        return subscriptions.find(id).orElseThrow(() -> notFound(id));
    }

    @Post
    HttpResponse<Created> create(@Body SubscriptionInput in, HttpRequest<?> request) {
        SubscriptionDraft draft = rules.check(in, null, new FieldErrors());
        String secret = in.secret() == null ? RelaySignatures.newSecret() : in.secret();
        Subscription created;
        try {
            created = audit.change(() -> {
                Subscription inserted = subscriptions.insert(draft, secret).orElseThrow(() -> nameTaken(draft.name()));
                audit.record(
                        request, Action.CREATED, Resource.SUBSCRIPTION, inserted.id(), inserted.name(), null, inserted);
                return inserted;
            });
        } catch (DataAccessException e) {
            throw sourceGone(e, draft);
        }
        return HttpResponse.created(new Created(created, secret));
    }

    /** Fields left out keep their values, fields sent replace them (null clears an optional one). */
    @Put("/{id}")
    Subscription update(long id, @Body JsonNode body, HttpRequest<?> request) {
        Subscription current = get(id);
        SubscriptionRules.Stored stored = subscriptions.stored(id).orElseThrow(() -> notFound(id));
        SubscriptionInput in = read(body).over(current, sent(body));
        SubscriptionDraft draft = rules.check(in, stored, new FieldErrors());
        try {
            return audit.change(() -> {
                Subscription updated = subscriptions.update(id, draft).orElseThrow(() -> notFound(id));
                audit.record(request, Action.UPDATED, Resource.SUBSCRIPTION, id, updated.name(), current, updated);
                return updated;
            });
        } catch (DataAccessException e) {
            if (Violation.UNIQUE.causedIt(e)) {
                throw nameTaken(draft.name());
            }
            throw sourceGone(e, draft);
        }
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id, HttpRequest<?> request) {
        audit.change(() -> {
            Subscription current = get(id);
            if (!subscriptions.delete(id)) {
                throw notFound(id);
            }
            audit.record(request, Action.DELETED, Resource.SUBSCRIPTION, id, current.name(), current, null);
            return current;
        });
        return HttpResponse.noContent();
    }

    /**
     * Makes a new secret (the one given, or a generated one) the signing secret; the replaced one keeps signing
     * deliveries alongside it for {@code opscenter.relay.rotation-grace}, so receivers can switch without losing any.
     */
    @Post("/{id}/rotate-secret")
    Rotated rotateSecret(long id, @Nullable @Body Rotation rotation, HttpRequest<?> request) {
        String given = rotation == null ? null : rotation.secret();
        FieldErrors errors = new FieldErrors();
        SubscriptionRules.secret("secret", given, errors);
        errors.throwIfAny();
        String secret = given == null ? RelaySignatures.newSecret() : given;
        // at the precision PostgreSQL keeps, so the answer and later reads agree
        Instant expires = clock.instant().plus(rotationGrace).truncatedTo(ChronoUnit.MICROS);
        audit.change(() -> {
            Subscription before = get(id);
            if (!subscriptions.rotate(id, secret, expires)) {
                throw notFound(id);
            }
            audit.record(request, Action.SECRET_ROTATED, Resource.SUBSCRIPTION, id, before.name(), before, get(id));
            return before;
        });
        return new Rotated(id, secret, expires);
    }

    private SubscriptionInput read(JsonNode body) {
        if (!body.isObject()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Bad request", "the body is a JSON object");
        }
        try {
            return json.readValueFromTree(body, SubscriptionInput.class);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "Bad request", "a field has the wrong type for a subscription");
        }
    }

    private static Set<String> sent(JsonNode body) {
        Set<String> names = new HashSet<>();
        body.entries().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    /** A 422 when the source was deleted between the check and the write; else the failure as it is. */
    private static RuntimeException sourceGone(DataAccessException e, SubscriptionDraft draft) {
        return Violation.FOREIGN_KEY.causedIt(e)
                ? ProblemException.invalid("sourceId", "no webhook source " + draft.sourceId())
                : e;
    }

    static ProblemException notFound(long id) {
        return ProblemException.notFound("subscription " + id);
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, "Name taken", "a subscription named '" + name + "' exists");
    }
}
