package dev.opscenter.ingress.rejection;

import dev.opscenter.common.problem.ProblemException;
import dev.opscenter.common.sql.Database;
import dev.opscenter.common.sql.Params;
import dev.opscenter.ingress.api.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/sources/{id}/rejections}: the source's kept rejections, newest first, keyset-paged. */
@Controller("/api/sources")
@ExecuteOn(TaskExecutors.BLOCKING)
final class RejectionController {
    private final Database db;

    RejectionController(Database db) {
        this.db = db;
    }

    /**
     * A webhook refused for its signature, as kept.
     *
     * @param headerValue the signature header as received, cut to 200 characters; null when absent
     * @param skewSeconds for a stale timestamp, now minus the signed time (negative: signed in the future)
     * @param unrecordedBefore the source's rejections not kept between the row before and this one
     */
    @Serdeable
    record Rejection(
            long id,
            long sourceId,
            Instant receivedAt,
            String reason,
            String detail,
            String scheme,
            String headerName,
            @Nullable String headerValue,
            @Nullable Long skewSeconds,
            @Nullable String clientIp,
            int bodyBytes,
            String bodySha256,
            int unrecordedBefore) {}

    @Get("/{id}/rejections")
    Page<Rejection> list(long id, @Nullable @QueryValue Long before, @Nullable @QueryValue Integer limit) {
        if (db.one("SELECT id FROM webhook_sources WHERE id = :id", Params.of("id", id), Long.class)
                .isEmpty()) {
            throw ProblemException.notFound("source " + id);
        }
        int size = Page.size(limit);
        List<Rejection> rows =
                db.list("""
                SELECT id, source_id, received_at, reason, detail, scheme, header_name, header_value, skew_seconds,
                       client_ip, body_bytes, encode(body_sha256, 'hex') AS body_sha256, unrecorded_before
                  FROM rejected_webhooks
                 WHERE source_id = :source AND (CAST(:before AS bigint) IS NULL OR id < :before)
                 ORDER BY id DESC
                 LIMIT :limit""", Params.of("source", id).and("before", before).and("limit", size), Rejection.class);
        return Page.of(rows, size, Rejection::id);
    }
}
