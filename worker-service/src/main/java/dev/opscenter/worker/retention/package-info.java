/** Retention: events older than the configured period are deleted with their alerts and notifications, in batches. */
package dev.opscenter.worker.retention;
