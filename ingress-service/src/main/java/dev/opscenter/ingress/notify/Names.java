package dev.opscenter.ingress.notify;

import dev.opscenter.common.problem.ProblemException;

/** Names checks the display name every notification resource has (unique per resource kind, enforced by SQL). */
public final class Names {
    private static final int MAX = 200;

    private Names() {
    }

    /** The trimmed name, or a 422 on field {@code name}. */
    public static String valid(String name) {
        if (name == null || name.isBlank() || name.length() > MAX) {
            throw ProblemException.invalid("name", "required, at most " + MAX + " characters");
        }
        return name.trim();
    }
}
