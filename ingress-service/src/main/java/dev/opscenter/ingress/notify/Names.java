package dev.opscenter.ingress.notify;

import dev.opscenter.ingress.api.FieldErrors;

/** Names checks the display name every notification resource has (unique per resource kind, enforced by SQL). */
public final class Names {
    private static final int MAX = 200;

    private Names() {}

    /** The trimmed name; null, with an error on field {@code name}, when it is missing or too long. */
    public static String valid(String name, FieldErrors errors) {
        if (name == null || name.isBlank() || name.length() > MAX) {
            errors.add("name", "required, at most " + MAX + " characters");
            return null;
        }
        return name.trim();
    }
}
