package dev.opscenter.ingress.source;

import dev.opscenter.common.startup.DevSecrets;
import dev.opscenter.common.vocabulary.SourceKind;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In the {@code dev} environment, creates one source of each kind with its dev secret ({@link DevSecrets}) if missing. */
@Singleton
@Requires(env = Environment.DEVELOPMENT)
final class DevSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(DevSeeder.class);

    private final SourceRepository sources;

    DevSeeder(SourceRepository sources) {
        this.sources = sources;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        try {
            DevSecrets secrets = DevSecrets.load();
            for (SourceKind kind : SourceKind.values()) {
                sources.insert(
                                "Dev " + kind.wire(),
                                kind.wire(),
                                kind,
                                secrets.sourceSecret(kind.wire()),
                                Map.of(),
                                true)
                        .ifPresent(s -> LOG.info("seeded dev source '{}' ({})", s.slug(), kind.wire()));
            }
        } catch (RuntimeException e) {
            LOG.warn("dev sources not seeded: {}", e.getMessage());
        }
    }
}
