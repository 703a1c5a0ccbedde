package dev.opscenter.ingress.relay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * DeliveryAttempt is one try at a delivery as the receiver answered it.
 *
 * @param statusCode   the receiver's HTTP status, null when it did not answer
 * @param responseBody the first 2 KB of the receiver's answer
 * @param error        why the attempt failed, null when it succeeded
 */
@Serdeable
record DeliveryAttempt(
        int attempt,
        Instant attemptedAt,
        @Nullable Integer statusCode,
        @Nullable Integer latencyMs,
        @Nullable String responseBody,
        @Nullable String error) {}
