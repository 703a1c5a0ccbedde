package dev.opscenter.ingress.api;

import dev.opscenter.common.problem.Problem;
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
 * Maps an unreachable PostgreSQL to 503 with Retry-After, so providers retry later; nothing was stored. Any other
 * database failure is a bug or broken infrastructure: 500, details in the log only.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = DataAccessException.class)
final class InfrastructureErrors implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureErrors.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException e) {
        if (databaseUnreachable(e)) {
            LOG.warn("database unreachable for {} {}: {}", request.getMethod(), request.getPath(), e.toString());
            return HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "10")
                    .contentType(Problem.MEDIA_TYPE)
                    .body(new Problem("about:blank", "Service Unavailable", 503,
                            "the database is unreachable; nothing was stored, retry later", request.getPath(), null));
        }
        LOG.error("unexpected error on {} {}", request.getMethod(), request.getPath(), e);
        return HttpResponse.<Problem>status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(Problem.MEDIA_TYPE)
                .body(new Problem("about:blank", "Internal Server Error", 500,
                        "The server could not complete the request; see its logs.", request.getPath(), null));
    }

    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
