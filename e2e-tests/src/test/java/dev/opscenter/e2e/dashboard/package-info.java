/** End-to-end tests of the dashboard page in a headless browser against the running services. */
package dev.opscenter.e2e.dashboard;
