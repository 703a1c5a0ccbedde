package dev.opscenter.ingress.user;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * How console sessions behave (opscenter.session.*, docs/configuration.md).
 *
 * @param cookieName the session cookie's name
 * @param secureCookie whether the cookie is marked Secure (sent over HTTPS only); off only for plain-HTTP local runs
 * @param idleTimeout a session unused this long ends
 * @param maxAge a session ends this long after sign-in, however active
 */
@ConfigurationProperties("opscenter.session")
public record SessionSettings(String cookieName, boolean secureCookie, Duration idleTimeout, Duration maxAge) {}
