package dev.opscenter.common.notify;

import com.google.re2j.PatternSyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/** Operator is one comparison a condition leaf makes: what value it accepts, and how it tests the actual one. */
enum Operator {
    EQ {
        @Override
        boolean test(Object actual, Object value, RegexBudget budget) {
            return Values.same(actual, value);
        }
    },
    NE {
        @Override
        boolean test(Object actual, Object value, RegexBudget budget) {
            return !Values.same(actual, value);
        }
    },
    GT(order -> order > 0),
    GTE(order -> order >= 0),
    LT(order -> order < 0),
    LTE(order -> order <= 0),
    IN {
        @Override
        boolean test(Object actual, Object value, RegexBudget budget) {
            return value instanceof List<?> options && options.stream().anyMatch(o -> Values.same(actual, o));
        }

        @Override
        String checkValue(boolean present, Object value) {
            if (!(value instanceof List<?> options)) {
                return "must be a list for \"in\"";
            }
            return options.stream().allMatch(Values::isScalar)
                    ? null
                    : "must list only strings, numbers, booleans or null";
        }
    },
    CONTAINS {
        @Override
        boolean test(Object actual, Object value, RegexBudget budget) {
            if (actual instanceof String text) {
                return value instanceof String part && text.contains(part);
            }
            return actual instanceof List<?> items && items.stream().anyMatch(i -> Values.same(i, value));
        }
    },
    EXISTS {
        @Override
        boolean test(Object actual, Object value, RegexBudget budget) {
            boolean wanted = !Boolean.FALSE.equals(value);
            return (actual != null) == wanted;
        }

        @Override
        String checkValue(boolean present, Object value) {
            return value == null || value instanceof Boolean ? null : "must be true or false for \"exists\"";
        }
    },
    MATCHES {
        @Override
        boolean test(Object actual, Object value, RegexBudget budget) {
            return actual != null && Regexes.find(Regexes.compile((String) value), Values.text(actual), budget);
        }

        @Override
        String checkValue(boolean present, Object value) {
            if (!(value instanceof String regex)) {
                return "must be a regular expression string for \"matches\"";
            }
            if (regex.length() > Regexes.MAX_PATTERN_LENGTH) {
                return "must be at most " + Regexes.MAX_PATTERN_LENGTH + " characters";
            }
            try {
                Regexes.compile(regex);
                return null;
            } catch (PatternSyntaxException e) {
                // RE2 syntax (no backreferences or lookaround): what can be matched in time linear in the text
                return "is not a valid regular expression (RE2 syntax: no backreferences or lookaround): "
                        + e.getDescription();
            }
        }
    };

    /** The names conditions use, for error messages. */
    static final String NAMES = Arrays.stream(values()).map(Operator::id).collect(Collectors.joining(", "));

    /** For gt, gte, lt and lte: which results of comparing the actual with the value pass. */
    @SuppressWarnings("ImmutableEnumChecker") // the predicates are stateless lambdas
    private final IntPredicate order;

    Operator() {
        this(null);
    }

    Operator(IntPredicate order) {
        this.order = order;
    }

    /**
     * Whether the actual value (null when the path resolves to nothing) passes; never throws. Here: ordering. Only
     * {@code matches} spends from the event's regex budget.
     */
    boolean test(Object actual, Object value, RegexBudget budget) {
        Integer comparison = Values.compare(actual, value);
        return comparison != null && order.test(comparison);
    }

    /** Why the condition's value does not suit this operator, or null when it does. */
    String checkValue(boolean present, Object value) {
        if (order != null) {
            return Values.numeric(value) != null || Values.instant(value) != null
                    ? null
                    : "must be a number or an ISO-8601 timestamp for \"" + id() + "\"";
        }
        if (!present) {
            return "required for \"" + id() + "\"";
        }
        return Values.isScalar(value) ? null : "must be a string, number, boolean or null for \"" + id() + "\"";
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Operator> byId(String id) {
        return Arrays.stream(values()).filter(op -> op.id().equals(id)).findFirst();
    }
}
