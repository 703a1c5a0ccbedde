package dev.opscenter.ingress.user;

import dev.opscenter.common.vocabulary.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Applies {@link AccessPolicy} to every request: a caller without credentials gets 401, one whose role is too low
 * 403 ({@link AuthorizationProblems}). Outside the API it allows GET and HEAD (the dashboard's files, and the
 * management port's endpoints, which answer only inside the cluster) and says nothing of other methods, which
 * micronaut-security then refuses.
 */
@Singleton
final class AccessRule implements SecurityRule<HttpRequest<?>> {
    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication caller) {
        if (request == null) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        return Publishers.just(
                switch (AccessPolicy.need(request.getMethod(), request.getPath())) {
                    case AccessPolicy.Need.Open open -> SecurityRuleResult.ALLOWED;
                    case AccessPolicy.Need.Files files ->
                        switch (request.getMethod()) {
                            case GET, HEAD -> SecurityRuleResult.ALLOWED;
                            default -> SecurityRuleResult.UNKNOWN;
                        };
                    case AccessPolicy.Need.AtLeast(Role needed) ->
                        caller != null
                                        && Principals.role(caller)
                                                .filter(role -> role.covers(needed))
                                                .isPresent()
                                ? SecurityRuleResult.ALLOWED
                                : SecurityRuleResult.REJECTED;
                });
    }
}
