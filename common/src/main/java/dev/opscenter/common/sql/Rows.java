package dev.opscenter.common.sql;

import dev.opscenter.common.sql.Database.RowMapper;
import dev.opscenter.common.vocabulary.WireName;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.type.Argument;
import java.lang.reflect.Modifier;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Rows maps result rows to records: each component of an {@code @Introspected} record reads the column named as the
 * component in snake case ({@code createdAt} reads {@code created_at}). A single-valued type ({@code Long},
 * {@code String}, {@code Instant}, …) reads the first column. Columns convert as {@link Params} binds: the vocabulary's
 * enums from their wire names, arrays to lists.
 */
public final class Rows {
    private static final ClassValue<RowMapper<?>> MAPPERS = new ClassValue<>() {
        @Override
        protected RowMapper<?> computeValue(Class<?> type) {
            return create(type);
        }
    };

    private Rows() {}

    /** The mapper for this row type. */
    @SuppressWarnings("unchecked")
    public static <T> RowMapper<T> of(Class<T> type) {
        return (RowMapper<T>) MAPPERS.get(type);
    }

    private interface Column {
        Object read(ResultSet row) throws SQLException;
    }

    private static RowMapper<?> create(Class<?> type) {
        Column single = column(Argument.of(type), 1, null);
        if (single != null) {
            return single::read;
        }
        if (Modifier.isPrivate(type.getModifiers())) {
            // its introspection exists but cannot call the constructor
            throw new IllegalArgumentException(
                    type.getName() + " is private: a row record must be package-private or wider");
        }
        BeanIntrospection<?> introspection = BeanIntrospector.SHARED
                .findIntrospection(type)
                .orElseThrow(() -> new IllegalArgumentException(
                        type.getName() + " is not a row type: make it an @Introspected record"));
        Argument<?>[] arguments = introspection.getConstructorArguments();
        Column[] columns = new Column[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Column c = column(arguments[i], 0, snakeCase(arguments[i].getName()));
            if (c == null) {
                throw new IllegalArgumentException(type.getName() + "." + arguments[i].getName() + " has type "
                        + arguments[i].getTypeName() + ", which no column converts to");
            }
            columns[i] = c;
        }
        return row -> {
            Object[] values = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = columns[i].read(row);
            }
            return introspection.instantiate(false, values);
        };
    }

    /** How to read one column (by label, or by index when the label is null) as this type; null if none can. */
    private static Column column(Argument<?> argument, int index, String label) {
        Class<?> type = argument.getType();
        boolean primitive = type.isPrimitive();
        String name = label == null ? "column " + index : label;
        if (type == String.class) {
            return r -> label == null ? r.getString(index) : r.getString(label);
        }
        if (type == long.class || type == Long.class) {
            return r -> present(r, label == null ? r.getLong(index) : r.getLong(label), primitive, name);
        }
        if (type == int.class || type == Integer.class) {
            return r -> present(r, label == null ? r.getInt(index) : r.getInt(label), primitive, name);
        }
        if (type == double.class || type == Double.class) {
            return r -> present(r, label == null ? r.getDouble(index) : r.getDouble(label), primitive, name);
        }
        if (type == boolean.class || type == Boolean.class) {
            return r -> present(r, label == null ? r.getBoolean(index) : r.getBoolean(label), primitive, name);
        }
        if (type == Instant.class) {
            return r -> {
                Timestamp t = label == null ? r.getTimestamp(index) : r.getTimestamp(label);
                return t == null ? null : t.toInstant();
            };
        }
        if (type == byte[].class) {
            return r -> label == null ? r.getBytes(index) : r.getBytes(label);
        }
        if (type == UUID.class) {
            return r -> label == null ? r.getObject(index, UUID.class) : r.getObject(label, UUID.class);
        }
        if (type.isEnum() && WireName.class.isAssignableFrom(type)) {
            return r -> {
                String wire = label == null ? r.getString(index) : r.getString(label);
                return wire == null ? null : wireName(type, name, wire);
            };
        }
        if (type == List.class && label != null) {
            return r -> list(r.getArray(label));
        }
        return null;
    }

    private static Object present(ResultSet r, Object value, boolean primitive, String name) throws SQLException {
        if (!r.wasNull()) {
            return value;
        }
        if (primitive) {
            throw new IllegalStateException(name + " is NULL but its component is primitive");
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object wireName(Class<?> type, String name, String wire) {
        return WireName.parse((Class) type, name, wire);
    }

    private static List<Object> list(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            return Collections.unmodifiableList(Arrays.asList((Object[]) array.getArray()));
        } finally {
            array.free();
        }
    }

    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
