/** End-to-end test of {@code bin/opscenter demo}: its burst against the running platform's dev-seeded sources. */
package dev.opscenter.e2e.demo;
