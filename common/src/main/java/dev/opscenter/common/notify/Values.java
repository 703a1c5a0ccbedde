package dev.opscenter.common.notify;

import dev.opscenter.common.sql.Json;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** How context values read as text, compare and order; shared by templates and conditions so both agree. */
final class Values {
    // JSON's number grammar; longer strings are not worth parsing as numbers
    private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final int MAX_NUMERIC_LENGTH = 100;
    // the callers' API is static; the default mapper is the process's shared, immutable one
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private Values() {}

    /** Text of a value: strings as they are, integral numbers without ".0", maps and lists as compact JSON (the JSON mapper's). */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Json.write(JSON, value);
        }
        if (value instanceof Number n) {
            return number(n);
        }
        return String.valueOf(value);
    }

    /** eq semantics: numbers by value (1 == 1.0), strings exactly, booleans, null; different kinds never equal. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a instanceof Number x && b instanceof Number y) {
            BigDecimal dx = decimal(x);
            BigDecimal dy = decimal(y);
            return dx != null && dy != null && dx.compareTo(dy) == 0;
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return false;
    }

    /**
     * Order of two numbers (numeric strings count) or two ISO-8601 timestamps with an offset; null when the two
     * are not comparable that way.
     */
    static Integer compare(Object a, Object b) {
        BigDecimal x = numeric(a);
        BigDecimal y = numeric(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        Instant s = instant(a);
        Instant t = instant(b);
        if (s != null && t != null) {
            return s.compareTo(t);
        }
        return null;
    }

    static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    static BigDecimal numeric(Object value) {
        if (value instanceof Number n) {
            return decimal(n);
        }
        if (value instanceof String s
                && s.length() <= MAX_NUMERIC_LENGTH
                && NUMERIC.matcher(s).matches()) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null; // exponent beyond int range
            }
        }
        return null;
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof String s && s.length() <= 64) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Exact value of a number; null for NaN and infinities, which JSON cannot carry anyway. */
    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            // Float.toString keeps 0.1f as "0.1" where the widened double would not
            return Double.isFinite(d) ? new BigDecimal(n.toString()) : null;
        }
        try {
            return new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String number(Number n) {
        if (n instanceof Integer
                || n instanceof Long
                || n instanceof Short
                || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        BigDecimal d = decimal(n);
        if (d == null) {
            return n.toString();
        }
        d = d.stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        // plain digits in the range people read; 1E+300 stays short instead of 301 digits
        return exponent >= -7 && exponent < 21 ? d.toPlainString() : d.toString();
    }
}
