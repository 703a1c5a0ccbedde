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
 * Database runs one SQL statement on the connection of the current transaction (or a fresh one). Statements name
 * their parameters ({@code WHERE id = :id}, values in {@link Params}) and rows map to records ({@link Rows}) or, where
 * a value is computed, through a small lambda. It keeps SQL explicit: {@code ON CONFLICT}, {@code SKIP LOCKED}
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

    /** Maps the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** All rows of a query, each mapped to a record (see {@link Rows}). */
    public <T> List<T> list(String sql, Params params, Class<T> row) {
        return list(sql, params, Rows.of(row));
    }

    /** All rows of a query. */
    public <T> List<T> list(String sql, Params params, RowMapper<T> mapper) {
        return run(sql, params, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        });
    }

    /** The first row of a query, if any, mapped to a record (see {@link Rows}). */
    public <T> Optional<T> one(String sql, Params params, Class<T> row) {
        return one(sql, params, Rows.of(row));
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> one(String sql, Params params, RowMapper<T> mapper) {
        return run(sql, params, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        });
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the affected row count. */
    public int update(String sql, Params params) {
        return run(sql, params, PreparedStatement::executeUpdate);
    }

    private interface Work<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private <T> T run(String sql, Params params, Work<T> work) {
        NamedSql named = NamedSql.parse(sql);
        // joins the caller's transaction or connection if there is one, else borrows a connection for this statement
        return connections.executeWrite(status -> jdbc.prepareStatement(named.jdbc(), statement -> {
            try {
                params.bind(named, statement);
                return work.apply(statement);
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed (" + e.getSQLState() + "): " + e.getMessage(), e);
            }
        }));
    }
}
