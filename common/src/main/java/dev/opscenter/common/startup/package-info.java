/**
 * Checks done once at start-up, before a service takes traffic: outside the {@code dev} environment a service refuses
 * to start with the documented development secrets or with weak ones. {@link dev.opscenter.common.startup.DevSecrets}
 * reads those development secrets from the one file that defines them.
 */
package dev.opscenter.common.startup;
