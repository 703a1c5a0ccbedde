package dev.opscenter.ingress.notify;

import dev.opscenter.ingress.api.FieldErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Recipients checks lists of recipients sent to the API: each non-blank text, trimmed, de-duplicated in order. */
public final class Recipients {
    /** Longest recipient accepted (an e-mail address may be up to 320 characters). */
    private static final int MAX_LENGTH = 320;

    private Recipients() {}

    /**
     * The cleaned list. A list of the wrong size is an error on {@code field}, each bad entry one on {@code field[i]}.
     *
     * @param min fewest entries accepted (0 allows an empty or absent list)
     */
    public static List<String> valid(String field, List<String> raw, int min, int max, FieldErrors errors) {
        int size = raw == null ? 0 : raw.size();
        if (size < min || size > max) {
            errors.add(field, min + " to " + max + " recipients");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            String r = raw.get(i);
            if (r == null || r.isBlank() || r.strip().length() > MAX_LENGTH) {
                errors.add(field + "[" + i + "]", "non-blank text of at most " + MAX_LENGTH + " characters");
            } else {
                out.add(r.strip());
            }
        }
        return new ArrayList<>(out);
    }
}
