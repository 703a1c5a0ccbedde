package dev.opscenter.common.sql;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Database runs one SQL statement on the connection of the current transaction (or a fresh one), binding
 * parameters and mapping rows with small lambdas. It keeps SQL explicit: {@code ON CONFLICT}, {@code SKIP LOCKED}
 * and {@code RETURNING} are written out where they are used.
 */
@Singleton
@Requires(beans = JdbcOperations.class)
public final class Database {
    private final JdbcOperations jdbc;
    private final ConnectionOperations<Connection> connections;

    Database(JdbcOperations jdbc, ConnectionOperations<Connection> connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /** Binds parameters to a statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** A binder that binds nothing. */
    public static final Binder NO_PARAMETERS = statement -> {};

    /** All rows of a query written with named parameters, each mapped to a record (see {@link Rows}). */
    public <T> List<T> list(String sql, Params params, Class<T> row) {
        return list(sql, params, Rows.of(row));
    }

    /** All rows of a query written with named parameters. */
    public <T> List<T> list(String sql, Params params, RowMapper<T> mapper) {
        NamedSql named = NamedSql.parse(sql);
        return list(named.jdbc(), statement -> params.bind(named, statement), mapper);
    }

    /** The first row of a query written with named parameters, if any, mapped to a record (see {@link Rows}). */
    public <T> Optional<T> one(String sql, Params params, Class<T> row) {
        return one(sql, params, Rows.of(row));
    }

    /** The first row of a query written with named parameters, if any. */
    public <T> Optional<T> one(String sql, Params params, RowMapper<T> mapper) {
        NamedSql named = NamedSql.parse(sql);
        return one(named.jdbc(), statement -> params.bind(named, statement), mapper);
    }

    /** Runs an INSERT/UPDATE/DELETE written with named parameters and returns the affected row count. */
    public int update(String sql, Params params) {
        NamedSql named = NamedSql.parse(sql);
        return update(named.jdbc(), statement -> params.bind(named, statement));
    }

    /**
     * Prepares a statement written with named parameters on a connection the caller manages (tools that run outside
     * a service); the caller closes it.
     */
    public static PreparedStatement prepare(Connection connection, String sql, Params params) throws SQLException {
        NamedSql named = NamedSql.parse(sql);
        PreparedStatement statement = connection.prepareStatement(named.jdbc());
        try {
            params.bind(named, statement);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** All rows of a query. */
    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        return run(sql, statement -> {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        });
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        return run(sql, statement -> {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        });
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the affected row count. */
    public int update(String sql, Binder binder) {
        return run(sql, statement -> {
            binder.bind(statement);
            return statement.executeUpdate();
        });
    }

    private interface Work<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private <T> T run(String sql, Work<T> work) {
        // joins the caller's transaction or connection if there is one, else borrows a connection for this statement
        return connections.executeWrite(status -> jdbc.prepareStatement(sql, statement -> {
            try {
                return work.apply(statement);
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed (" + e.getSQLState() + "): " + e.getMessage(), e);
            }
        }));
    }
}
