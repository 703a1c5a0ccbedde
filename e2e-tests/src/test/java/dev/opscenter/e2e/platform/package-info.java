/**
 * Runs the real service jars as processes against a fresh schema and Redis prefix, and signs
 * webhooks the way providers do, for the end-to-end tests in the sibling packages.
 */
package dev.opscenter.e2e.platform;
