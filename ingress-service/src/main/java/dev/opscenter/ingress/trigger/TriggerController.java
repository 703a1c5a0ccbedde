package dev.opscenter.ingress.trigger;

import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.ingress.event.Answers;
import dev.opscenter.ingress.event.EventQueue;
import dev.opscenter.ingress.event.EventRecorder;
import dev.opscenter.ingress.event.IncomingEvent;
import dev.opscenter.ingress.event.Recorded;
import dev.opscenter.ingress.event.RequestFacts;
import dev.opscenter.ingress.ratelimit.AuthFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives triggered events at {@code POST /api/events}: authenticate the API key, parse the body, find the active
 * event source, check the payload against its schema, record the event like a webhook, enqueue it, answer 202 (200
 * for a repeated event_id). Only an API key opens this endpoint (the admin filter lets it through untouched); every
 * refusal stores nothing.
 */
@Controller("/api/events")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TriggerController {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerController.class);

    private final ApiKeyAuthenticator authenticator;
    private final EventSourceRepository sources;
    private final PayloadSchemas schemas;
    private final EventRecorder recorder;
    private final EventQueue queue;
    private final RequestFacts facts;
    private final MeterRegistry meters;
    private final AuthFailures failures;

    TriggerController(
            ApiKeyAuthenticator authenticator,
            EventSourceRepository sources,
            PayloadSchemas schemas,
            EventRecorder recorder,
            EventQueue queue,
            RequestFacts facts,
            MeterRegistry meters,
            AuthFailures failures) {
        this.authenticator = authenticator;
        this.sources = sources;
        this.schemas = schemas;
        this.recorder = recorder;
        this.queue = queue;
        this.facts = facts;
        this.meters = meters;
        this.failures = failures;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> trigger(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Optional<Long> apiKey = authenticator.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (apiKey.isEmpty()) {
            failures.failed(request, "API key", "missing, unknown or revoked");
            return unauthorized(request);
        }
        byte[] raw = body == null ? new byte[0] : body;
        TriggerRequest in = TriggerRequest.parse(raw);
        try (LogFields fields =
                LogFields.with(LogFields.SOURCE, in.event()).and(LogFields.PROVIDER_DELIVERY_ID, in.eventId())) {
            return trigger(request, raw, in, apiKey.get(), fields);
        }
    }

    /** Records the parsed event with its source and ids on every log line. */
    private HttpResponse<?> trigger(
            HttpRequest<?> request, byte[] raw, TriggerRequest in, long apiKey, LogFields fields) {
        EventSource source = sources.findByName(in.event())
                .filter(EventSource::active)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND, "Unknown event", "no active event source '" + in.event() + "'"));
        List<Problem.FieldError> violations = schemas.violations(source, in.payload());
        if (!violations.isEmpty()) {
            count(source, "invalid");
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "Invalid payload",
                    "the payload does not match the schema of '" + source.name() + "' (" + violations.size()
                            + " errors)",
                    violations);
        }
        Recorded recorded = recorder.record(IncomingEvent.triggered(
                source.id(),
                apiKey,
                source.name(),
                in.eventId(),
                raw,
                in.payload().toString(),
                request.getContentType().map(MediaType::toString).orElse(null),
                facts.headersJson(request),
                facts.clientIp(request)));
        recorded.eventId().ifPresent(id -> fields.and(LogFields.EVENT_ID, id));
        LOG.debug("triggered event {}: {}", source.name(), recorded);
        switch (recorded) {
            case Recorded.Accepted accepted -> {
                count(source, "accepted");
                queue.offer(accepted.id());
            }
            case Recorded.Duplicate duplicate -> count(source, "duplicate");
            case Recorded.UnstorableJson unstorable -> {} // answered 400 below; bodies refused as JSON are not counted
        }
        return Answers.to(recorded, "payload");
    }

    private static HttpResponse<Problem> unauthorized(HttpRequest<?> request) {
        return Problem.response(
                        HttpStatus.UNAUTHORIZED,
                        "Unauthorized",
                        "send Authorization: Bearer <API key> (ok_…); the admin token does not trigger events",
                        request.getPath())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private void count(EventSource source, String outcome) {
        meters.counter("opscenter.triggers", "event", source.name(), "outcome", outcome)
                .increment();
    }
}
