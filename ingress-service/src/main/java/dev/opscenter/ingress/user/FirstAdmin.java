package dev.opscenter.ingress.user;

import dev.opscenter.common.vocabulary.Role;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first admin from {@code OPSCENTER_ADMIN_USER} and {@code OPSCENTER_ADMIN_PASSWORD} when no user of that
 * name exists, so a fresh installation can be signed into; an existing user is never changed (the password set in the
 * console wins over the variable). Tried once the server is up, then every 30 s until PostgreSQL has answered once.
 */
@Singleton
final class FirstAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserRepository users;
    private final Passwords passwords;
    private final String username;
    private final String password;
    private final AtomicBoolean done = new AtomicBoolean();

    FirstAdmin(
            UserRepository users,
            Passwords passwords,
            @Nullable @Value("${opscenter.first-admin.username}") String username,
            @Nullable @Value("${opscenter.first-admin.password}") String password) {
        this.users = users;
        this.passwords = passwords;
        this.username = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        this.password = password == null ? "" : password;
    }

    /** First try once the server is up: on the starting thread, after every bean exists. */
    @EventListener
    void onStartup(ServerStartupEvent started) {
        ensure();
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void ensure() {
        if (done.get()) {
            return;
        }
        if (username.isEmpty() || password.isEmpty()) {
            done.set(true);
            return;
        }
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            LOG.error("not creating the first admin {}: OPSCENTER_ADMIN_PASSWORD must have {}", username, weakness);
            done.set(true);
            return;
        }
        try {
            if (users.credentials(username).isEmpty()
                    && users.insert(username, null, null, Role.ADMIN, passwords.hash(password))
                            .isPresent()) {
                LOG.info("created the first admin {}", username);
            }
            done.set(true);
        } catch (RuntimeException e) {
            LOG.warn("cannot create the first admin {} yet: {}", username, e.getMessage());
        }
    }
}
