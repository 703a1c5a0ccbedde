package dev.opscenter.common.sql;

import dev.opscenter.common.vocabulary.WireName;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Params are the values of one statement's named parameters: {@code Params.of("id", id).and("name", name)}. A value
 * binds by its Java type: text, numbers, booleans, bytes, instants (timestamptz), UUIDs, the vocabulary's enums (their
 * wire names) and typed arrays ({@link #bigints}, {@link #texts}). A null binds with no type, so PostgreSQL infers it
 * from where it is used; where it cannot ({@code :since IS NULL}), the SQL casts it ({@code CAST(:since AS
 * timestamptz)}).
 */
public final class Params {
    /** No parameters. */
    public static final Params NONE = new Params();

    private final Map<String, Object> values = new HashMap<>();

    private Params() {}

    /** Parameters starting with this one. */
    public static Params of(String name, Object value) {
        return new Params().and(name, value);
    }

    /** These parameters and one more; a name is given once. */
    public Params and(String name, Object value) {
        if (this == NONE) {
            return of(name, value);
        }
        if (values.containsKey(name)) {
            throw new IllegalArgumentException("parameter :" + name + " given twice");
        }
        values.put(name, value);
        return this;
    }

    /** A {@code bigint[]} value (nulls allowed inside), for {@code = ANY (:ids)} and {@code unnest}. */
    public static SqlArray bigints(Collection<? extends Number> values) {
        return new SqlArray("bigint", Collections.unmodifiableList(new ArrayList<>(values)));
    }

    /** A {@code text[]} value (nulls allowed inside). */
    public static SqlArray texts(Collection<String> values) {
        return new SqlArray("text", Collections.unmodifiableList(new ArrayList<>(values)));
    }

    /** An array parameter: its PostgreSQL element type and its elements. */
    public record SqlArray(String elementType, List<?> elements) {}

    /** Binds these values to a statement prepared from {@code sql}, marker by marker. */
    void bind(NamedSql sql, PreparedStatement statement) throws SQLException {
        for (int i = 0; i < sql.names().size(); i++) {
            String name = sql.names().get(i);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for parameter :" + name);
            }
            bind(statement, i + 1, name, values.get(name));
        }
        if (values.size() != sql.distinct().size()) { // every marker found its value, so one value is left over
            for (String name : values.keySet()) {
                if (!sql.distinct().contains(name)) {
                    throw new IllegalArgumentException("parameter :" + name + " is not in the statement");
                }
            }
        }
    }

    private static void bind(PreparedStatement s, int index, String name, Object value) throws SQLException {
        switch (value) {
            case null -> s.setNull(index, Types.OTHER);
            case String v -> s.setString(index, v);
            case Long v -> s.setLong(index, v);
            case Integer v -> s.setInt(index, v);
            case Short v -> s.setShort(index, v);
            case Double v -> s.setDouble(index, v);
            case Boolean v -> s.setBoolean(index, v);
            case byte[] v -> s.setBytes(index, v);
            case Instant v -> s.setTimestamp(index, Timestamp.from(v));
            case UUID v -> s.setObject(index, v);
            case WireName v -> s.setString(index, v.wire());
            case SqlArray v ->
                s.setArray(
                        index,
                        s.getConnection()
                                .createArrayOf(v.elementType(), v.elements().toArray()));
            default ->
                throw new IllegalArgumentException("parameter :" + name + " has a type SQL cannot bind: "
                        + value.getClass().getName());
        }
    }
}
