package dev.opscenter.common.vocabulary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do. Each role includes the one below it: a viewer reads, an operator also acts on alerts, events,
 * notifications, deliveries and silences, an admin also changes configuration and manages users. The admin token
 * acts as an admin.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** The name stored and sent: {@code viewer}, {@code operator}, {@code admin}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role with this stored name. */
    public static Optional<Role> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst();
    }
}
