/**
 * The queues view ({@code GET /api/queues}): each Redis work stream's length, group lag, pending entries and consumers
 * read with XINFO, beside what PostgreSQL says was done in the last minutes and what failed.
 */
package dev.opscenter.ingress.queue;
