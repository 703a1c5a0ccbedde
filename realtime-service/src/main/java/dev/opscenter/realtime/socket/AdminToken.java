package dev.opscenter.realtime.socket;

import dev.opscenter.common.crypto.Hmac;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * AdminToken decides whether an {@code Authorization: Bearer} token opens a socket, for automation that can set
 * headers (pages use a ticket instead). A blank configured token admits nobody: an unset variable must close the
 * service, never open it to anyone who sends an empty token.
 */
@Singleton
final class AdminToken {
    /** The viewer name of a socket opened with the admin token. */
    static final String VIEWER = "admin";

    private final byte[] expected;

    AdminToken(@Value("${opscenter.admin-token}") String configured) {
        this.expected = configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the presented token is the configured one; always false while none is configured. */
    boolean admits(@Nullable String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        // the expected token goes first: the comparison's time then depends on its length only, not on the guess
        return Hmac.constantTimeEquals(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
