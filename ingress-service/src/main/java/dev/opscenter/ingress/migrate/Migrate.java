package dev.opscenter.ingress.migrate;

import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrate applies the schema migrations to the database named by DATABASE_URL as DATABASE_USER and exits: 0 when the
 * schema is current, 1 when a migration failed or the database could not be reached.
 */
public final class Migrate {
    /** Where the services' Flyway finds the migrations too (micronaut-flyway's default): common's db/migration. */
    static final String LOCATION = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(Migrate.class);

    private Migrate() {}

    /** The database to migrate and the credentials of a user allowed to change its schema. */
    record Target(String url, String user, String password) {
        /** From DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD, the variables the services read. */
        static Optional<Target> fromEnvironment(Map<String, String> env) {
            String url = env.get("DATABASE_URL");
            if (url == null || url.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Target(
                    url, env.getOrDefault("DATABASE_USER", "postgres"), env.getOrDefault("DATABASE_PASSWORD", "")));
        }
    }

    /** What a run did. */
    sealed interface Outcome {
        /** The schema is at {@code version} after applying {@code applied} migrations (0: it was current). */
        record Migrated(int applied, String version) implements Outcome {}

        /** Nothing or part was applied; Flyway rolled back the failing migration's transaction. */
        record Failed(String reason) implements Outcome {}
    }

    public static void main(String[] args) {
        Outcome outcome = Target.fromEnvironment(System.getenv())
                .map(Migrate::migrate)
                .orElseGet(() -> new Outcome.Failed("DATABASE_URL is not set"));
        switch (outcome) {
            case Outcome.Migrated migrated -> {
                LOG.info("schema at version {}: {} migration(s) applied", migrated.version(), migrated.applied());
                System.exit(0);
            }
            case Outcome.Failed failed -> {
                LOG.error("migration failed: {}", failed.reason());
                System.exit(1);
            }
        }
    }

    /** Applies every pending migration to the target's current schema. */
    static Outcome migrate(Target target) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(target.url(), target.user(), target.password())
                    .locations(LOCATION)
                    // a failed run stays failed: fix the migration or the data, then run the Job again
                    .cleanDisabled(true)
                    .load()
                    .migrate();
            String version = result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : String.valueOf(result.initialSchemaVersion);
            return new Outcome.Migrated(result.migrationsExecuted, version);
        } catch (FlywayException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }
}
