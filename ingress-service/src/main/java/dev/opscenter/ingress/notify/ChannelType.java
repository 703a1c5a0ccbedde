package dev.opscenter.ingress.notify;

import dev.opscenter.common.problem.ProblemException;
import java.util.Locale;

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

    /** Parses a wire name for the given request field; anything else is a 422 naming that field. */
    public static ChannelType parse(String field, String value) {
        for (ChannelType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw ProblemException.invalid(field, "one of email, slack, telegram, sms, webhook");
    }
}
