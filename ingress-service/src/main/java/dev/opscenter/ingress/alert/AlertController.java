package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.alert.LiveChannel;
import dev.opscenter.common.alert.LiveMessage;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.api.Actor;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.api.Page;
import dev.opscenter.ingress.audit.AuditTrail;
import dev.opscenter.ingress.audit.Resource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Admin API over alerts: list newest first with filters (severity, source, type, state, read, time, text), detail,
 * bulk mark-read, and triage (acknowledge, resolve, reopen), each move audited and published live. Marking read is not
 * audited: it is a reading mark, not a change to the alert.
 */
@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AlertController {
    private static final int MAX_BULK = 1000;

    private final AlertRepository alerts;
    private final LiveChannel live;
    private final Clock clock;
    private final AuditTrail audit;

    AlertController(AlertRepository alerts, LiveChannel live, Clock clock, AuditTrail audit) {
        this.alerts = alerts;
        this.live = live;
        this.clock = clock;
        this.audit = audit;
    }

    /** Body of a mark-read request. */
    @Serdeable
    record ReadRequest(@Nullable List<Long> ids) {}

    /** Newest first, narrowed by every filter given (see {@link AlertFilter}); {@code before} pages back to the oldest. */
    @Get
    Page<AlertMessage> list(
            @Nullable @QueryValue List<String> severity,
            @Nullable @QueryValue String source,
            @Nullable @QueryValue String type,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue Boolean read,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue Long before,
            @Nullable @QueryValue Integer limit) {
        AlertFilter filter = AlertFilter.parse(severity, source, type, state, read, from, to, q);
        int size = Page.size(limit);
        return Page.of(alerts.list(filter, before, size), size, AlertMessage::id);
    }

    /** The longest window of {@code /groups}. */
    static final Duration MAX_GROUP_WINDOW = Duration.ofDays(7);

    /** The repeats of the window: alerts with the same source, event type and title, as one line each ("CI failed ×5"). */
    @Serdeable
    record Groups(List<AlertRepository.Group> items) {}

    @Get("/groups")
    Groups groups(
            @Nullable @QueryValue String window,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue Integer limit) {
        FieldErrors errors = new FieldErrors();
        Duration span =
                window == null ? Duration.ofHours(24) : errors.parse("window", window, AlertController::duration);
        if (span != null && (span.isNegative() || span.isZero() || span.compareTo(MAX_GROUP_WINDOW) > 0)) {
            errors.add("window", "between 1m and 7d");
        }
        if (state != null && !AlertFilter.STATES.contains(state)) {
            errors.add("state", "one of open, acknowledged, resolved");
        }
        errors.throwIfAny();
        return new Groups(alerts.groups(clock.instant().minus(span), state, Page.size(limit)));
    }

    /** A window as configuration durations are written ({@code 30m}, {@code 24h}, {@code 7d}), by Micronaut's converter. */
    private static Duration duration(String text) {
        return ConversionService.SHARED
                .convert(text, Duration.class)
                .orElseThrow(() -> new IllegalArgumentException("a number and m, h or d, such as 24h"));
    }

    @Get("/{id}")
    AlertMessage get(long id) {
        return alerts.find(id).orElseThrow(() -> ProblemException.notFound("alert " + id));
    }

    @Post("/read")
    Map<String, Integer> markRead(@Body ReadRequest request) {
        List<Long> ids = request.ids();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK) {
            throw ProblemException.invalid("ids", "1 to " + MAX_BULK + " alert ids");
        }
        return Map.of("updated", alerts.markRead(ids));
    }

    @Post("/{id}/acknowledge")
    AlertMessage acknowledge(long id, HttpRequest<?> request) {
        return move(id, Triage.ACKNOWLEDGE, request);
    }

    @Post("/{id}/resolve")
    AlertMessage resolve(long id, HttpRequest<?> request) {
        return move(id, Triage.RESOLVE, request);
    }

    @Post("/{id}/reopen")
    AlertMessage reopen(long id, HttpRequest<?> request) {
        return move(id, Triage.REOPEN, request);
    }

    /** An alert after a move, and whether the move changed it. */
    private record Moved(AlertMessage alert, boolean changed) {}

    /**
     * Makes the move, or finds it made already (200 either way); acknowledging a resolved alert is a 409. A move that
     * changed the alert is audited with it, and published once committed.
     */
    private AlertMessage move(long id, Triage move, HttpRequest<?> request) {
        Moved moved = audit.change(() -> {
            AlertMessage before = alerts.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("alert " + id));
            boolean changed = alerts.move(id, move, Actor.of(request), clock.instant());
            AlertMessage after = alerts.find(id).orElseThrow(() -> ProblemException.notFound("alert " + id));
            if (changed) {
                audit.record(
                        request,
                        move.action(),
                        Resource.ALERT,
                        id,
                        after.title(),
                        Triage.audited(before),
                        Triage.audited(after));
            }
            return new Moved(after, changed);
        });
        AlertMessage alert = moved.alert();
        if (moved.changed()) {
            live.publish(LiveMessage.ALERT_STATE, alert);
        } else if (!move.arrived(alert.state())) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "Alert resolved", "alert " + id + " is resolved; reopen it to acknowledge it");
        }
        return alert;
    }
}
