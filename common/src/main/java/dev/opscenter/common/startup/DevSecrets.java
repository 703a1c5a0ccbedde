package dev.opscenter.common.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * DevSecrets are the public development secrets as {@value #RESOURCE} defines them, once for the whole project: the
 * admin token and secret key the dev environment runs with, and the secret of each source ingress seeds there.
 * Micronaut loads that file as the dev environment's configuration; this record reads it for everything else.
 *
 * @param sourceSecrets secret by source kind ({@code github}, {@code stripe}, {@code standard}, {@code generic})
 */
public record DevSecrets(String adminToken, String secretKey, Map<String, String> sourceSecrets) {
    /** The classpath resource that defines them. */
    public static final String RESOURCE = "application-dev.properties";

    private static final String SOURCE_PREFIX = "opscenter.dev.sources.";

    /** Copies the map. */
    public DevSecrets {
        sourceSecrets = Map.copyOf(sourceSecrets);
    }

    /** Reads {@value #RESOURCE} from the classpath; a missing file or key is a broken build, so it throws. */
    public static DevSecrets load() {
        Properties file = new Properties();
        try (InputStream in = DevSecrets.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> sources = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(SOURCE_PREFIX)) {
                sources.put(key.substring(SOURCE_PREFIX.length()), file.getProperty(key));
            }
        }
        return new DevSecrets(required(file, "opscenter.admin-token"), required(file, "opscenter.secret-key"), sources);
    }

    /** The secret of the dev source of this kind, e.g. {@code github}. */
    public String sourceSecret(String kind) {
        String secret = sourceSecrets.get(kind);
        if (secret == null) {
            throw new IllegalArgumentException(
                    "no dev source " + kind + " in " + RESOURCE + " (" + sourceSecrets.keySet() + ")");
        }
        return secret;
    }

    private static String required(Properties file, String key) {
        String value = file.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return value;
    }
}
