/** worker-service: events stream in, alerts out (PostgreSQL, then the live channel and feed). */
package dev.opscenter.worker;
