package dev.opscenter.ingress.rejection;

import dev.opscenter.common.signature.Headers;
import dev.opscenter.common.signature.Verification;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.ingress.source.SignatureVerifier;
import dev.opscenter.ingress.source.Source;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RejectedWebhooks keeps a sample of the webhooks refused for their signature: at most {@code per-minute} rows per
 * source and minute on this replica, so a flood of forged requests cannot fill the table; the next row kept says how
 * many went unrecorded before it. What is kept explains the failure without the body: the scheme, the signature
 * header as seen (cut), the timestamp skew, the body's size and SHA-256. Recording never changes the 401 answer.
 */
@Singleton
public final class RejectedWebhooks {
    private static final Logger LOG = LoggerFactory.getLogger(RejectedWebhooks.class);
    /** The longest signature header value kept. */
    static final int MAX_HEADER_CHARS = 200;

    private final Database db;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int perMinute;
    private final ConcurrentMap<Long, Window> windows = new ConcurrentHashMap<>();

    /**
     * One source's current minute: rows kept in it and rejections not kept since the last row; {@code keep} says
     * whether the rejection that made this window is kept, and {@code reported} how many unrecorded ones its row tells.
     */
    private record Window(Instant minute, int kept, int unrecorded, boolean keep, int reported) {}

    RejectedWebhooks(
            Database db,
            Clock clock,
            MeterRegistry meters,
            @Value("${opscenter.webhooks.rejections.per-minute}") int perMinute) {
        this.db = db;
        this.clock = clock;
        this.meters = meters;
        this.perMinute = perMinute;
    }

    /** Keeps the rejection if the source's sample has room this minute. */
    public void record(Source source, Verification.Rejected rejected, Headers headers, byte[] body, String clientIp) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Window window = windows.compute(source.id(), (id, old) -> {
            int unrecorded = old == null ? 0 : old.unrecorded();
            int kept = old == null || !old.minute().equals(minute) ? 0 : old.kept();
            return kept < perMinute
                    ? new Window(minute, kept + 1, 0, true, unrecorded)
                    : new Window(minute, kept, unrecorded + 1, false, 0);
        });
        if (!window.keep()) {
            meters.counter("opscenter.webhooks.rejections.unrecorded").increment();
            return;
        }
        String headerName = SignatureVerifier.signatureHeader(source);
        String seen = headers.first(headerName).map(RejectedWebhooks::cut).orElse(null);
        try {
            db.update(
                    """
                    INSERT INTO rejected_webhooks (source_id, received_at, reason, detail, scheme, header_name,
                                                   header_value, skew_seconds, client_ip, body_bytes, body_sha256,
                                                   unrecorded_before)
                    VALUES (:source, :at, :reason, :detail, :scheme, :header_name, :header_value, :skew, :client_ip,
                            :body_bytes, sha256(:body), :unrecorded_before)""",
                    Params.of("source", source.id())
                            .and("at", now)
                            .and("reason", rejected.reason().name().toLowerCase(Locale.ROOT))
                            .and("detail", rejected.detail())
                            .and("scheme", source.kind().name().toLowerCase(Locale.ROOT))
                            .and("header_name", headerName)
                            .and("header_value", seen)
                            .and(
                                    "skew",
                                    rejected.skew() == null
                                            ? null
                                            : rejected.skew().toSeconds())
                            .and("client_ip", clientIp)
                            .and("body_bytes", body.length)
                            .and("body", body)
                            .and("unrecorded_before", window.reported()));
        } catch (RuntimeException e) {
            LOG.warn("rejected webhook for source {} not recorded: {}", source.id(), e.toString());
        }
    }

    private static String cut(String value) {
        return value.length() <= MAX_HEADER_CHARS ? value : value.substring(0, MAX_HEADER_CHARS) + "…";
    }
}
