/**
 * Checks done once at start-up, before a service takes traffic: outside the {@code dev} environment a service refuses
 * to start with the documented development secrets or with weak ones.
 */
package dev.opscenter.common.startup;
