package dev.opscenter.ingress.audit;

import dev.opscenter.common.vocabulary.WireName;
import io.micronaut.serde.annotation.Serdeable;

/** Action is what a recorded change did ({@code audit_log.action}). */
@Serdeable
public enum Action implements WireName {
    CREATED,
    UPDATED,
    DELETED,
    /** An API key revoked: it authenticates nothing any more. */
    REVOKED,
    /** A subscription's signing secret replaced (the secret itself is never recorded). */
    SECRET_ROTATED,
    /** Recipients added to a group. */
    MEMBERS_ADDED,
    /** Recipients removed from a group. */
    MEMBERS_REMOVED,
    ACKNOWLEDGED,
    RESOLVED,
    REOPENED,
    /** A silence ended early. */
    EXPIRED,
    /** Events sent through the worker again. */
    REPLAYED,
    /** Failed notifications or deliveries sent again. */
    RETRIED,
    /** A test event relayed to a subscription. */
    TESTED,
    /** A user changed its own password (the password is never recorded). */
    PASSWORD_CHANGED;

    /** Parses a wire name; anything else fails with the names it expected. */
    public static Action parse(String value) {
        return WireName.parse(Action.class, "action", value);
    }
}
