package dev.opscenter.ingress.api;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.ingress.guard.DatabaseBreaker;
import dev.opscenter.ingress.guard.Unavailable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps an unreachable or shutting-down PostgreSQL to 503 with Retry-After, so providers retry later; nothing was
 * stored. It also opens the {@link DatabaseBreaker}, so the next webhooks are refused at once. Any other database
 * failure is a bug or broken infrastructure: 500, details in the log only.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = DataAccessException.class)
final class InfrastructureErrors implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureErrors.class);

    private final DatabaseBreaker breaker;

    InfrastructureErrors(DatabaseBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException e) {
        if (databaseUnreachable(e)) {
            LOG.warn("database unreachable for {} {}: {}", request.getMethod(), request.getPath(), e.toString());
            breaker.trip(e);
            return Unavailable.response(
                    request.getPath(), "the database is unreachable; nothing was stored, retry later");
        }
        LOG.error("unexpected error on {} {}", request.getMethod(), request.getPath(), e);
        return Problem.response(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal Server Error",
                "The server could not complete the request; see its logs.",
                request.getPath());
    }

    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && unavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Class 08 (connection exception) and 57P01..57P03 (admin_shutdown, crash_shutdown, cannot_connect_now: the
     * server is stopping or starting) mean "try again later", not a fault in the request.
     */
    private static boolean unavailableState(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
