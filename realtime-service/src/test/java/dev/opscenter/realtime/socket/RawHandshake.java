package dev.opscenter.realtime.socket;

import dev.opscenter.common.testing.TestEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * RawHandshake writes a WebSocket upgrade request by hand, with the request target exactly as given (no client
 * normalises its path or encoding), and reads the response head.
 */
final class RawHandshake {
    /** The header line that admits an upgrade: the test environment's admin token as a bearer token. */
    static final String ADMIN = "Authorization: Bearer " + TestEnvironment.ADMIN_TOKEN + "\r\n";

    private RawHandshake() {}

    /** Sends the upgrade request on the socket and returns the response's status line and headers. */
    static String upgrade(Socket socket, int port, String target) throws IOException {
        return upgrade(socket, port, target, "");
    }

    /** The same with more header lines, each ending in CRLF. */
    static String upgrade(Socket socket, int port, String target, String extraHeaders) throws IOException {
        String key = Base64.getEncoder().encodeToString("opscenter-test-key".getBytes(StandardCharsets.US_ASCII));
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return readHead(socket.getInputStream());
    }

    /** The status code the server answers an upgrade of {@code target} with, on a connection of its own. */
    static int status(int port, String target) throws IOException {
        return status(port, target, "");
    }

    /** The same with more header lines, each ending in CRLF. */
    static int status(int port, String target, String extraHeaders) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("localhost", port));
            String head = upgrade(socket, port, target, extraHeaders);
            return Integer.parseInt(head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
