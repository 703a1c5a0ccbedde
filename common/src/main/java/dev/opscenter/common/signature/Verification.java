package dev.opscenter.common.signature;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/** Verification is the outcome of checking a request's signature: verified, or rejected for a reason. */
public sealed interface Verification {

    /** The signature matched and, where the scheme has one, the timestamp is fresh. */
    record Verified() implements Verification {}

    /**
     * The request must not be accepted.
     *
     * @param skew for a stale timestamp, now minus the signed time (negative when it lies in the future); else null
     */
    record Rejected(Reason reason, String detail, @Nullable Duration skew) implements Verification {
        public Rejected(Reason reason, String detail) {
            this(reason, detail, null);
        }
    }

    /** Why a signature was rejected; every reason maps to 401 at the edge. */
    enum Reason {
        MISSING_SIGNATURE,
        MALFORMED_SIGNATURE,
        SIGNATURE_MISMATCH,
        STALE_TIMESTAMP
    }

    /** The shared verified instance. */
    Verification VERIFIED = new Verified();

    /** A signed timestamp too far from now: {@code signedAt} is the time the request was signed. */
    static Rejected stale(String detail, long signedAtEpochSeconds, Instant now) {
        return new Rejected(
                Reason.STALE_TIMESTAMP, detail, Duration.between(Instant.ofEpochSecond(signedAtEpochSeconds), now));
    }

    /** Shorthand for a rejection. */
    static Verification rejected(Reason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
