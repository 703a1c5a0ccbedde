package dev.opscenter.ingress.user;

import dev.opscenter.common.problem.Problem;
import dev.opscenter.common.vocabulary.Role;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers a refused request as a problem: 401 with {@code WWW-Authenticate} when no credentials came (or they were
 * wrong), 403 naming the role needed when the caller's role is too low. Never a redirect: the page handles both.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        String path = request.getPath();
        if (!exception.isForbidden()) {
            return Problem.response(
                            HttpStatus.UNAUTHORIZED,
                            "Unauthorized",
                            "sign in, or send Authorization: Bearer <admin token>",
                            path)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        String needed = AccessPolicy.need(request.getMethod(), path) instanceof AccessPolicy.Need.AtLeast(Role role)
                ? role.value()
                : "another role";
        String has =
                Principals.role(exception.getAuthentication()).map(Role::value).orElse("no role");
        return Problem.response(
                HttpStatus.FORBIDDEN,
                "Forbidden",
                request.getMethod() + " " + path + " needs the " + needed + " role; "
                        + exception.getAuthentication().getName() + " has " + has,
                path);
    }
}
