package dev.opscenter.ingress.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;

/**
 * Actor names who made a change, as the request was authenticated, for the "who" of triage and audit: the signed-in
 * user's name, or "admin token" for automation with the admin token.
 */
public final class Actor {
    private Actor() {}

    /** Who made this authenticated request; a request that reached an action unauthenticated is a bug. */
    public static String of(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(Authentication::getName)
                .orElseThrow(() -> new IllegalStateException("no authenticated actor on " + request.getPath()));
    }
}
