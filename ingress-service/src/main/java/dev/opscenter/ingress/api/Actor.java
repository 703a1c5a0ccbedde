package dev.opscenter.ingress.api;

import io.micronaut.http.HttpRequest;

/**
 * Actor names who made a change, as the request was authenticated, for the "who" of triage and audit: today every
 * admin request authenticates with the admin token, so the name is {@value #ADMIN_TOKEN}; user accounts will put the
 * user's name here.
 */
public final class Actor {
    /** The request attribute the authentication filter sets. */
    static final String ATTRIBUTE = "opscenter.actor";
    /** The actor of a request made with the admin token. */
    public static final String ADMIN_TOKEN = "admin token";

    private Actor() {}

    /** Who made this authenticated request; a request that reached an action unauthenticated is a bug. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class)
                .orElseThrow(() -> new IllegalStateException("no authenticated actor on " + request.getPath()));
    }
}
