package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every socket connection is set up with. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketPipelineIT extends RealtimeIT {
    @Inject
    EmbeddedServer server;

    @Test
    void permessageDeflateIsNotOfferedUnlessTheDeploymentTurnsItOn() throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("localhost", server.getPort()));

            String head = RawHandshake.upgrade(
                    socket,
                    server.getPort(),
                    "/ws",
                    RawHandshake.ADMIN + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");

            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertFalse(head.toLowerCase(Locale.ROOT).contains("permessage-deflate"), head);
        }
    }
}
