package dev.opscenter.common.notify;

import java.util.List;
import java.util.Objects;

/**
 * Rendered is a template's output and the variables it could not fill.
 *
 * @param text    the rendered text
 * @param missing distinct variable paths, as written in the template, that resolved to nothing; in order of first use
 */
public record Rendered(String text, List<String> missing) {
    public Rendered {
        Objects.requireNonNull(text, "text");
        missing = List.copyOf(missing);
    }
}
