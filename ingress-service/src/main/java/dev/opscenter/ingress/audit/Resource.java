package dev.opscenter.ingress.audit;

import dev.opscenter.common.vocabulary.WireName;
import io.micronaut.serde.annotation.Serdeable;

/** Resource is the kind of thing a recorded change was made to ({@code audit_log.resource_type}). */
@Serdeable
public enum Resource implements WireName {
    SOURCE,
    EVENT_SOURCE,
    CHANNEL,
    TEMPLATE,
    RULE,
    GROUP,
    API_KEY,
    SUBSCRIPTION,
    SILENCE,
    ALERT,
    EVENT,
    NOTIFICATION,
    DELIVERY,
    USER;

    /** Parses a wire name; anything else fails with the names it expected. */
    public static Resource parse(String value) {
        return WireName.parse(Resource.class, "resource type", value);
    }
}
