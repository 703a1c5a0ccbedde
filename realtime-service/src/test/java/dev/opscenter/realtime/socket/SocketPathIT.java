package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No spelling of the socket's path, in any letter case or encoding, opens a socket without a ticket or the admin
 * token header; the admin token in the query, where the socket once took it, opens nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketPathIT extends RealtimeIT {
    private static final Set<Integer> REFUSED = Set.of(401, 404);

    @Inject
    EmbeddedServer server;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ws",
                "/ws/",
                "/ws//",
                "/ws?x",
                "/ws?ticket",
                "/ws?ticket=",
                "/ws/?ticket=wrong",
                "/ws?token=" + TestEnvironment.ADMIN_TOKEN,
                "/ws/?token=" + TestEnvironment.ADMIN_TOKEN,
                "/WS",
                "/Ws",
                "/WS/",
                "/%77s",
                "/%77%73",
                "/%57%53",
                "/ws%2F",
                "/ws%2f",
                "//ws",
                "/./ws",
                "/ws/.",
                "/ws/..",
                "/ws;",
                "/ws;x=1",
                "/ws/?since=1-0",
                "/ws%3Fx=1",
                "/ws%20"
            })
    void refusesAnUpgradeWithoutTicketOrHeaderWhateverThePath(String target) throws IOException {
        int status = RawHandshake.status(server.getPort(), target);

        assertTrue(REFUSED.contains(status), target + " answered " + status);
    }

    @Test
    void theAdminTokenHeaderOnTheSocketPathStillOpensIt() throws IOException {
        assertEquals(101, RawHandshake.status(server.getPort(), "/ws", RawHandshake.ADMIN));
    }
}
