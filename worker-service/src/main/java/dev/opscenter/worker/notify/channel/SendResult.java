package dev.opscenter.worker.notify.channel;

import java.time.Duration;

/** SendResult is what one send came to: delivered, worth retrying (optionally not before {@code after}), or hopeless. */
public sealed interface SendResult {

    /** Sent: the provider accepted the message. */
    record Sent(Integer responseCode, String detail) implements SendResult {}

    /** Retryable: a transient failure; {@code after} is the provider's requested wait, null to use the retry schedule. */
    record Retryable(Duration after, Integer responseCode, String error) implements SendResult {}

    /** Permanent: retrying the same message cannot succeed (bad address, rejected payload, broken configuration). */
    record Permanent(Integer responseCode, String error) implements SendResult {}
}
