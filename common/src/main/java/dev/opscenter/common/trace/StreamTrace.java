package dev.opscenter.common.trace;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * StreamTrace writes the current trace context into what goes through Redis, as a W3C {@code traceparent} value, and
 * starts the span that continues it on the other side. Tracing is on when Micronaut's OpenTelemetry module is
 * ({@code OPSCENTER_TRACING=true}); off, there is no {@link OpenTelemetry} bean and this writes nothing, reads nothing
 * and starts no-op spans.
 */
@Singleton
public final class StreamTrace {
    /** Field of an events-stream entry, and property of a live message, that carries the W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> PARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String traceparent, String key) {
            return TRACEPARENT.equals(key) ? traceparent : null;
        }
    };

    @Nullable
    private final Tracer tracer;

    StreamTrace(Optional<OpenTelemetry> openTelemetry) {
        this.tracer = openTelemetry.map(o -> o.getTracer("dev.opscenter")).orElse(null);
    }

    /** Whether traces are recorded: if not, every method here is a no-op. */
    public boolean enabled() {
        return tracer != null;
    }

    /** The traceparent of the span current on this thread; null when tracing is off or no span is current. */
    @Nullable
    public String current() {
        return tracer == null ? null : traceparent(Context.current());
    }

    /** The traceparent that makes the span the parent of the next hop's; null when the span is a no-op. */
    @Nullable
    public String of(Span span) {
        return tracer == null ? null : traceparent(Context.root().with(span));
    }

    /**
     * Starts a span continuing the trace a traceparent names (a new trace when it is null or malformed); a no-op span
     * when tracing is off. The caller ends it.
     */
    public Span start(String name, SpanKind kind, @Nullable String traceparent) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        Context parent = traceparent == null ? Context.root() : W3C.extract(Context.root(), traceparent, PARENT);
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    }

    @Nullable
    private static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }
}
