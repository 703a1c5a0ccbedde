package dev.opscenter.common.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * NamedSql is a statement written with named parameters ({@code WHERE id = :id}) turned into the JDBC text with
 * {@code ?} markers and the name each marker binds, in order. A name may appear several times. Text inside quotes and
 * comments is left alone, and so are PostgreSQL casts ({@code payload::text}). A bare {@code ?} is refused, so a
 * statement cannot mix positional and named parameters.
 */
public record NamedSql(String jdbc, List<String> names, Set<String> distinct) {
    /**
     * Statements parsed before, by their text: most are constants, and the intake's multi-row insert has one text
     * per batch size.
     */
    private static final Cache<String, NamedSql> PARSED =
            Caffeine.newBuilder().maximumSize(1_000).build();

    /** Parses a statement written with {@code :name} parameters (once per distinct text). */
    public static NamedSql parse(String sql) {
        return PARSED.get(sql, NamedSql::parseText);
    }

    /**
     * Prepares a statement written with named parameters on a connection the caller manages, with its values bound
     * (for tools that run outside a service, without {@link Database}); the caller closes it.
     */
    public static PreparedStatement prepare(Connection connection, String sql, Params params) throws SQLException {
        NamedSql named = parse(sql);
        PreparedStatement statement = connection.prepareStatement(named.jdbc());
        try {
            params.bind(named, statement);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static NamedSql parseText(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(sql, i, c);
            } else if (c == '-' && next(sql, i) == '-') {
                end = lineEnd(sql, i);
            } else if (c == '/' && next(sql, i) == '*') {
                end = blockEnd(sql, i);
            } else if (c == ':' && next(sql, i) == ':') {
                end = i + 2;
            } else if (c == ':' && Character.isJavaIdentifierStart(next(sql, i))) {
                end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                out.append('?');
                i = end;
                continue;
            } else if (c == '?') {
                throw new IllegalArgumentException("positional '?' at offset " + i + ": name the parameter (:name)");
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new NamedSql(out.toString(), List.copyOf(names), Set.copyOf(names));
    }

    private static char next(String sql, int i) {
        return i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
    }

    /** The index after a quoted literal or identifier; a doubled quote inside it is an escaped quote. */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (next(sql, i) != quote) {
                    return i + 1;
                }
                i++;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " at offset " + start);
    }

    private static int lineEnd(String sql, int start) {
        int end = sql.indexOf('\n', start);
        return end < 0 ? sql.length() : end;
    }

    private static int blockEnd(String sql, int start) {
        int end = sql.indexOf("*/", start + 2);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated comment at offset " + start);
        }
        return end + 2;
    }
}
