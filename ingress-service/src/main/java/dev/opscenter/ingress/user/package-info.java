/**
 * Console users, their roles and sessions: sign-in with a password (Argon2id) through micronaut-security's login
 * endpoint, an opaque session cookie looked up in PostgreSQL, the admin token for automation, one access rule that
 * says which role may call which API route, and the ticket a signed-in page opens its live socket with.
 */
package dev.opscenter.ingress.user;
