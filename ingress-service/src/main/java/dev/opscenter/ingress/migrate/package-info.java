/**
 * Migrations as a step of their own: {@link dev.opscenter.ingress.migrate.Migrate} applies common's Flyway migrations
 * with the DDL user's credentials and exits, run by the Kubernetes migrate Job and {@code bin/opscenter migrate}, so
 * the services start with {@code OPSCENTER_MIGRATE=false} and a user without DDL rights.
 */
package dev.opscenter.ingress.migrate;
