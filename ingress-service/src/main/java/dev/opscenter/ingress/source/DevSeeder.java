package dev.opscenter.ingress.source;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In the {@code dev} environment, creates one source of each kind with documented secrets (README) if missing. */
@Singleton
@Requires(env = Environment.DEVELOPMENT)
final class DevSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(DevSeeder.class);

    /** Dev secrets; documented in README.md so curl examples and the demo can sign. */
    static final Map<SourceKind, String> SECRETS = Map.of(
            SourceKind.GITHUB, "dev-github-secret",
            SourceKind.STRIPE, "whsec_dev_stripe_secret",
            SourceKind.STANDARD, "whsec_ZGV2LXN0YW5kYXJkLXNlY3JldC0zMmJ5dGVzLWxvbmchIQ==",
            SourceKind.GENERIC, "dev-generic-secret");

    private final SourceRepository sources;

    DevSeeder(SourceRepository sources) {
        this.sources = sources;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            SECRETS.forEach((kind, secret) -> sources.insert("Dev " + kind.wire(), kind.wire(), kind, secret, Map.of(), true)
                    .ifPresent(s -> LOG.info("seeded dev source '{}' ({})", s.slug(), kind.wire())));
        } catch (RuntimeException e) {
            LOG.warn("dev sources not seeded: {}", e.getMessage());
        }
    }
}
