package dev.opscenter.ingress.relay;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.relay.DeliveryMessage;
import dev.opscenter.common.vocabulary.DeliveryStatus;
import dev.opscenter.ingress.api.FieldErrors;
import dev.opscenter.ingress.api.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The delivery log under /api/deliveries: newest first by subscription, event and status; one with its attempts. */
@Controller("/api/deliveries")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeliveryController {
    private final DeliveryRepository deliveries;

    DeliveryController(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Get
    Page<DeliveryMessage> list(
            @Nullable @QueryValue Long subscription,
            @Nullable @QueryValue Long event,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue Long before,
            @Nullable @QueryValue Integer limit) {
        FieldErrors errors = new FieldErrors();
        DeliveryStatus wanted = status == null ? null : errors.parse("status", status, DeliveryStatus::parse);
        errors.throwIfAny();
        int size = Page.size(limit);
        return Page.of(deliveries.list(subscription, event, wanted, before, size), size, DeliveryMessage::id);
    }

    @Get("/{id}")
    DeliveryDetail get(long id) {
        DeliveryMessage delivery = deliveries.find(id).orElseThrow(() -> notFound(id));
        return new DeliveryDetail(delivery, deliveries.attempts(id));
    }

    static ProblemException notFound(long id) {
        return ProblemException.notFound("delivery " + id);
    }
}
