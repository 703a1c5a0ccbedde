package dev.opscenter.ingress.event;

import dev.opscenter.common.log.LogFields;
import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.signature.Headers;
import dev.opscenter.common.signature.Verification;
import dev.opscenter.ingress.ratelimit.AuthFailures;
import dev.opscenter.ingress.rejection.RejectedWebhooks;
import dev.opscenter.ingress.source.EventIdentity;
import dev.opscenter.ingress.source.SignatureVerifier;
import dev.opscenter.ingress.source.Source;
import dev.opscenter.ingress.source.SourceCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives provider webhooks at {@code POST /api/webhooks/{slug}}: find the source, verify the signature over the raw
 * bytes, record the event, enqueue it, answer 202 (200 for a repeat). Every refusal is a problem response and stores
 * nothing.
 * (The body size limit is enforced by the server before this runs: 413.)
 *
 * <p>Most webhooks need no request thread: a source this replica keeps ({@link SourceCache#cached}), active, with no
 * replay window, and a signature that verifies are all known on the connection's event loop without blocking. The
 * event then goes to the group commit and the answer is written from the same event loop once its commit is done:
 * two thread hand-offs instead of four (docs/benchmarks.md, "Answered from the event loop"). Everything else (a source
 * read from the database, a replay window to look up, a refusal to record) runs on a request thread as before.
 */
@Controller("/api/webhooks")
final class WebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final SourceCache sources;
    private final SignatureVerifier verifier;
    private final EventRecorder recorder;
    private final EventQueue queue;
    private final RequestFacts facts;
    private final MeterRegistry meters;
    private final AuthFailures failures;
    private final RejectedWebhooks rejections;
    private final ExecutorService blocking;

    WebhookController(
            SourceCache sources,
            SignatureVerifier verifier,
            EventRecorder recorder,
            EventQueue queue,
            RequestFacts facts,
            MeterRegistry meters,
            AuthFailures failures,
            RejectedWebhooks rejections,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.sources = sources;
        this.verifier = verifier;
        this.recorder = recorder;
        this.queue = queue;
        this.facts = facts;
        this.meters = meters;
        this.failures = failures;
        this.rejections = rejections;
        this.blocking = blocking;
    }

    @Post(uri = "/{slug}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<Map<String, Object>>> receive(
            String slug, HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Source source = sources.cached(slug)
                .filter(s -> s.active() && s.dedupeWindow().isZero())
                .orElse(null);
        Headers headers = name -> request.getHeaders().getFirst(name);
        if (source != null && verifier.verify(source, raw, headers) instanceof Verification.Verified) {
            IncomingEvent event;
            try (LogFields fields = LogFields.with(LogFields.SOURCE, slug)) {
                event = event(source, request, raw, headers, fields);
            }
            String traceparent = queue.traceparent();
            return recorder.recordAsync(event)
                    .thenApplyAsync(
                            recorded -> {
                                try (LogFields fields = LogFields.with(LogFields.SOURCE, slug)
                                        .and(LogFields.PROVIDER_DELIVERY_ID, event.deliveryId())) {
                                    recorded.eventId().ifPresent(id -> fields.and(LogFields.EVENT_ID, id));
                                    return answer(slug, recorded, traceparent);
                                }
                            },
                            eventLoop(request));
        }
        // not kept, disabled, windowed, or refused (verified once more there, where the refusal is recorded)
        return CompletableFuture.supplyAsync(
                () -> {
                    try (LogFields fields = LogFields.with(LogFields.SOURCE, slug)) {
                        return receive(slug, request, raw, fields);
                    }
                },
                blocking);
    }

    private IncomingEvent event(Source source, HttpRequest<?> request, byte[] raw, Headers headers, LogFields fields) {
        JsonBody payload = "raw".equals(source.setting("format", "json")) ? null : parse(raw);
        EventIdentity identity =
                EventIdentity.of(source, headers, payload == null ? EventIdentity.Fields.NONE : payload);
        fields.and(LogFields.PROVIDER_DELIVERY_ID, identity.deliveryId());
        return IncomingEvent.webhook(
                source.id(),
                source.dedupeWindow(),
                identity.type(),
                identity.deliveryId(),
                raw,
                payload != null,
                request.getContentType().map(MediaType::toString).orElse(null),
                facts.headersJson(request),
                SignatureVerifier.signature(source, headers),
                facts.clientIp(request));
    }

    /** The event loop of the request's connection: where its answer is written without another hand-off. */
    private static Executor eventLoop(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty
                ? netty.getChannelHandlerContext().executor()
                : Runnable::run;
    }

    private HttpResponse<Map<String, Object>> answer(String slug, Recorded recorded, @Nullable String traceparent) {
        LOG.debug("webhook {}: {}", slug, recorded);
        switch (recorded) {
            case Recorded.Accepted accepted -> {
                count(slug, "accepted");
                if (!queue.offer(accepted.id(), traceparent)) {
                    count(slug, "enqueue_deferred"); // committed already: the sweeper enqueues it once Redis is back
                }
            }
            case Recorded.Duplicate duplicate -> count(slug, "duplicate");
            case Recorded.UnstorableJson unstorable -> {} // answered 400 below; bodies refused as JSON are not counted
        }
        return Answers.to(recorded, "body");
    }

    /** Handles the webhook with the source on every log line; adds the ids as they become known. */
    private HttpResponse<Map<String, Object>> receive(
            String slug, HttpRequest<?> request, byte[] raw, LogFields fields) {
        Source source = sources.findBySlug(slug)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND, "Unknown source", "no webhook source '" + slug + "'"));
        if (!source.active()) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "Source disabled", "webhook source '" + slug + "' is disabled");
        }
        Headers headers = name -> request.getHeaders().getFirst(name);
        if (verifier.verify(source, raw, headers) instanceof Verification.Rejected rejected) {
            count(slug, "rejected_" + rejected.reason().name().toLowerCase(Locale.ROOT));
            failures.failed(request, "webhook for '" + slug + "'", rejected.reason() + " (" + rejected.detail() + ")");
            rejections.record(source, rejected, headers, raw, facts.clientIp(request));
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Invalid signature", rejected.detail());
        }
        Recorded recorded = recorder.record(event(source, request, raw, headers, fields));
        recorded.eventId().ifPresent(id -> fields.and(LogFields.EVENT_ID, id));
        return answer(slug, recorded, queue.traceparent());
    }

    private void count(String source, String outcome) {
        meters.counter("opscenter.webhooks", "source", source, "outcome", outcome)
                .increment();
    }

    private static JsonBody parse(byte[] raw) {
        if (raw.length == 0) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "Invalid JSON", "the body is empty; this source sends JSON");
        }
        try {
            return JsonBody.read(raw);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid JSON", "the body is not valid JSON");
        }
    }
}
