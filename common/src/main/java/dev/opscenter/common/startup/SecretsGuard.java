package dev.opscenter.common.startup;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SecretsGuard stops a service from starting outside the {@code dev} environment while its admin token or secret key
 * is missing, a documented development value, or too weak; in {@code dev} only a missing or blank one. It checks only
 * the keys the service's application.yml declares (ingress: both; realtime: the token; worker: the key), and it runs
 * as the context starts, before the HTTP port opens.
 */
@Context
final class SecretsGuard {
    static final String ADMIN_TOKEN = "opscenter.admin-token";
    static final String SECRET_KEY = "opscenter.secret-key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretsGuard.class);

    SecretsGuard(Environment environment) {
        boolean dev = environment.getActiveNames().contains(Environment.DEVELOPMENT);
        List<String> problems = new ArrayList<>();
        check(environment, ADMIN_TOKEN, SecretRules::adminTokenProblem, dev).ifPresent(problems::add);
        check(environment, SECRET_KEY, SecretRules::secretKeyProblem, dev).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            String why = String.join("; ", problems);
            // one clear line before Micronaut's stack trace; never the value itself
            LOG.error(
                    "Refusing to start: {}. Set a random admin token of at least {} characters and a base64 secret key "
                            + "of {} random bytes (openssl rand -base64 32); the documented dev values work only with "
                            + "MICRONAUT_ENVIRONMENTS=dev. See docs/configuration.md.",
                    why,
                    SecretRules.MIN_TOKEN_LENGTH,
                    SecretRules.KEY_BYTES);
            throw new ConfigurationException("Refusing to start: " + why);
        }
        if (dev) {
            LOG.warn("Environment 'dev': the documented development admin token and secret key are accepted. "
                    + "Never run with MICRONAUT_ENVIRONMENTS=dev outside a developer machine.");
        } else {
            LOG.info("Secrets checked: no development or weak values in use");
        }
    }

    /** The rule's verdict on the key's value; in dev only "not set" counts, since the dev values are meant there. */
    private static Optional<String> check(
            Environment environment, String key, Function<String, Optional<String>> rule, boolean dev) {
        if (!environment.containsProperty(key)) {
            return Optional.empty(); // this service does not use that secret
        }
        String value;
        try {
            value = environment.getProperty(key, String.class).orElse(null);
        } catch (ConfigurationException unresolved) {
            // application.yml has ${VARIABLE} without a default and the variable is not set
            value = null;
        }
        if (dev && value != null && !value.isBlank()) {
            return Optional.empty();
        }
        return rule.apply(value);
    }
}
