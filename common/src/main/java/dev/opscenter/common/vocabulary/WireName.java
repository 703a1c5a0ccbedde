package dev.opscenter.common.vocabulary;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * WireName is how the vocabulary's enums are written in SQL and JSON: the constant's name in lower case. JSON reads
 * only these names back, and {@link #parse} is as strict for text from the database or a request.
 */
public interface WireName {

    /** The constant's name, as every enum has it. */
    String name();

    /** The lower-case name used in JSON and SQL. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose wire name is exactly {@code value}; anything else fails, naming what was expected. */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String what, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(value)) {
                return constant;
            }
        }
        String choices =
                Arrays.stream(type.getEnumConstants()).map(WireName::wire).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                (value == null ? "no " + what : "unknown " + what + " '" + value + "'") + ": one of " + choices);
    }
}
