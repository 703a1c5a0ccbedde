package dev.opscenter.ingress.silence;

import dev.opscenter.common.notify.Silence;
import dev.opscenter.common.notify.SilenceRows;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.ingress.api.Actor;
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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/silences}: list (active and pending by default, or by state), create, read, edit while not expired, and
 * expire, each change audited. A silence is never deleted: an expired one is the record of what was muted, by whom and
 * why.
 */
@Controller("/api/silences")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SilenceController {
    private static final Map<String, String> STATES = Map.of(
            "active", "starts_at <= :now AND ends_at > :now",
            "pending", "starts_at > :now",
            "expired", "ends_at <= :now",
            "current", "ends_at > :now");
    private static final int MAX_LISTED = 500;

    private final Database db;
    private final Clock clock;
    private final AuditTrail audit;

    SilenceController(Database db, Clock clock, AuditTrail audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** A page of silences. */
    @Serdeable
    record Silences(List<Silence> items) {}

    @Get
    Silences list(@Nullable @QueryValue String state) {
        String wanted = state == null ? "current" : state;
        String where = STATES.get(wanted);
        if (where == null) {
            throw ProblemException.invalid("state", "one of active, pending, expired, current");
        }
        return new Silences(db.list(
                SilenceRows.SELECT + " WHERE " + where + " ORDER BY ends_at DESC, id DESC LIMIT " + MAX_LISTED,
                Params.of("now", clock.instant()),
                SilenceRows::map));
    }

    @Get("/{id}")
    Silence get(long id) {
        return find(id);
    }

    @Post
    HttpResponse<Silence> create(@Body SilenceInput in, HttpRequest<?> request) {
        Instant now = clock.instant();
        checked(in, now);
        return HttpResponse.created(audit.change(() -> {
            long id = db.one("""
                            INSERT INTO silences (source, event_type, severities, text, comment, created_by, starts_at, ends_at)
                            VALUES (:source, :event_type, :severities, :text, :comment, :created_by, :starts_at, :ends_at)
                            RETURNING id""", values(in, now).and("created_by", Actor.of(request)), Long.class)
                    .orElseThrow();
            Silence created = find(id);
            audit.record(request, Action.CREATED, Resource.SILENCE, id, created.comment(), null, created);
            return created;
        }));
    }

    @Put("/{id}")
    Silence update(long id, @Body SilenceInput in, HttpRequest<?> request) {
        Instant now = clock.instant();
        Silence current = find(id);
        if (!current.endsAt().isAfter(now)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Silence expired", "silence " + id + " has expired");
        }
        checked(in, now);
        return audit.change(() -> {
            db.update(
                    """
                    UPDATE silences
                       SET source = :source, event_type = :event_type, severities = :severities, text = :text,
                           comment = :comment, starts_at = :starts_at, ends_at = :ends_at, updated_at = now()
                     WHERE id = :id""",
                    values(in, current.startsAt().isAfter(now) ? now : current.startsAt())
                            .and("id", id));
            Silence updated = find(id);
            audit.record(request, Action.UPDATED, Resource.SILENCE, id, updated.comment(), current, updated);
            return updated;
        });
    }

    /**
     * Ends the silence now; an expired one stays as it is. A pending one gets the empty window [now, now): it never was
     * in force.
     */
    @Post("/{id}/expire")
    Silence expire(long id, HttpRequest<?> request) {
        return audit.change(() -> {
            Silence before = find(id);
            int ended = db.update("""
                    UPDATE silences SET starts_at = LEAST(starts_at, :now), ends_at = :now, updated_at = now()
                     WHERE id = :id AND ends_at > :now""", Params.of("now", clock.instant()).and("id", id));
            Silence after = find(id);
            if (ended == 1) {
                audit.record(request, Action.EXPIRED, Resource.SILENCE, id, after.comment(), before, after);
            }
            return after;
        });
    }

    private static void checked(SilenceInput in, Instant now) {
        FieldErrors errors = new FieldErrors();
        in.check(now, errors);
        errors.throwIfAny();
    }

    /** The body's values; {@code earliestStart}: a start before it (or none) becomes it. */
    private static Params values(SilenceInput in, Instant earliestStart) {
        List<String> severities = in.severitiesLowerCase();
        return Params.of("source", SilenceInput.orNull(in.source()))
                .and("event_type", SilenceInput.orNull(in.eventType()))
                .and("severities", severities == null ? null : Params.texts(severities))
                .and("text", SilenceInput.orNull(in.text()))
                .and("comment", in.comment().trim())
                .and("starts_at", in.startsAt(earliestStart))
                .and("ends_at", in.endsAt());
    }

    private Silence find(long id) {
        return db.one(SilenceRows.SELECT + " WHERE id = :id", Params.of("id", id), SilenceRows::map)
                .orElseThrow(() -> ProblemException.notFound("silence " + id));
    }
}
