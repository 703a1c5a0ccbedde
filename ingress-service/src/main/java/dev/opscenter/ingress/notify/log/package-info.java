/**
 * The notification log: one row per (event, rule, recipient) the worker created and sent; listing, detail, and
 * retrying failed ones by putting their ids back on the Redis notifications stream. Also fan-out progress for large
 * recipient groups.
 */
package dev.opscenter.ingress.notify.log;
