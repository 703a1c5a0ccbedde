package dev.opscenter.realtime.socket;

import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import java.util.concurrent.CompletableFuture;

/** Outlet is where a viewer's frames go: the socket's asynchronous send and close, and nothing else of the session. */
interface Outlet {

    /** Queues a text frame; the future completes once it has been written to the connection. */
    CompletableFuture<?> send(String text);

    void close(CloseReason reason);

    static Outlet of(WebSocketSession session) {
        return new Outlet() {
            @Override
            public CompletableFuture<?> send(String text) {
                return session.sendAsync(text);
            }

            @Override
            public void close(CloseReason reason) {
                session.close(reason);
            }
        };
    }
}
