package dev.opscenter.realtime.socket;

import dev.opscenter.common.testing.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * AdminSocket opens {@code /ws} with the JDK's WebSocket client, a client outside the server's context, as automation
 * does: the admin token in the Authorization header.
 */
final class AdminSocket {
    private AdminSocket() {}

    /** Opens the socket; {@code closeCode} completes with the server's close code, or with the socket's error. */
    static WebSocket open(int port, CompletableFuture<Integer> closeCode) {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + TestEnvironment.ADMIN_TOKEN)
                .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closeCode.completeExceptionally(error);
                    }
                })
                .join();
    }
}
