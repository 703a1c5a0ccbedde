package dev.opscenter.common.signature;

/** Verification is the outcome of checking a request's signature: verified, or rejected for a reason. */
public sealed interface Verification {

    /** The signature matched and, where the scheme has one, the timestamp is fresh. */
    record Verified() implements Verification {}

    /** The request must not be accepted. */
    record Rejected(Reason reason, String detail) implements Verification {}

    /** Why a signature was rejected; every reason maps to 401 at the edge. */
    enum Reason {
        MISSING_SIGNATURE,
        MALFORMED_SIGNATURE,
        SIGNATURE_MISMATCH,
        STALE_TIMESTAMP
    }

    /** The shared verified instance. */
    Verification VERIFIED = new Verified();

    /** Shorthand for a rejection. */
    static Verification rejected(Reason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
