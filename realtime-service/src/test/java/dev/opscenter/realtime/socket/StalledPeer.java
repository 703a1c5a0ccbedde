package dev.opscenter.realtime.socket;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * StalledPeer opens a WebSocket by hand (with the admin token header) and then reads nothing, like a browser tab that froze: the server's writes
 * pile up in the kernel buffers and then in the server.
 */
final class StalledPeer implements AutoCloseable {
    private final Socket socket = new Socket();

    StalledPeer(int port, String pathAndQuery) throws IOException {
        // a small receive window so the connection stalls after little data
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port));
        String response = RawHandshake.upgrade(socket, port, pathAndQuery, RawHandshake.ADMIN);
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + response);
        }
    }

    /**
     * Reads everything the server had written until it closes the connection; true if it did within the timeout
     * of a single read (the server's close is what ends the loop).
     */
    boolean drainUntilClosed(int readTimeoutMillis) throws IOException {
        socket.setSoTimeout(readTimeoutMillis);
        byte[] buffer = new byte[64 * 1024];
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true; // closed with unread data: a reset is a close too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
