package dev.opscenter.ingress.notify;

import dev.opscenter.ingress.api.FieldErrors;
import java.util.Locale;
import java.util.Optional;

/** ChannelType is how a channel delivers; templates are written for one type and only fit channels of it. */
public enum ChannelType {
    EMAIL,
    SLACK,
    TELEGRAM,
    SMS,
    WEBHOOK;

    /** Lower-case name used in JSON and SQL. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire name; empty for any other text. */
    public static Optional<ChannelType> of(String wire) {
        for (ChannelType type : values()) {
            if (type.wire().equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Parses a wire name for the given request field; anything else is null and an error naming that field. */
    public static ChannelType parse(String field, String value, FieldErrors errors) {
        Optional<ChannelType> type = of(value);
        if (type.isEmpty()) {
            errors.add(field, "one of email, slack, telegram, sms, webhook");
        }
        return type.orElse(null);
    }
}
