/** Thin typed access to PostgreSQL for the services that own SQL (ingress, worker); SQL text stays in each feature. */
package dev.opscenter.common.sql;
