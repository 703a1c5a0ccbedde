package dev.opscenter.ingress.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which address is the client's, for each arrangement of peer, trusted proxies and forwarding header. */
class ClientAddressTest {
    private static final List<String> TRUSTED = List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8");

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "203.0.113.9 | 6.6.6.6, 10.0.0.1      | 203.0.113.9", // untrusted peer: the header is the client's own
                // words
                "127.0.0.1   | 6.6.6.6, 10.0.0.1      | 6.6.6.6", // right-most untrusted hop
                "127.0.0.1   | 1.1.1.1, 6.6.6.6       | 6.6.6.6", // a client-written 1.1.1.1 on the left is ignored
                "127.0.0.1   | 10.0.0.2, 10.0.0.1     | 10.0.0.2", // all hops trusted: the farthest one
                "127.0.0.1   | ''                     | 127.0.0.1", // no header
                "127.0.0.1   | evil, 10.0.0.1         | 10.0.0.1", // garbage: the last address a proxy vouched for
                "127.0.0.1   | 6.6.6.6, [2001:db8::1] | 2001:db8:0:0:0:0:0:1",
                "fd00::5     | 2001:db8::7            | 2001:db8:0:0:0:0:0:7"
            })
    void takesTheRightMostUntrustedAddress(String peer, String forwarded, String client) throws UnknownHostException {
        ClientAddress addresses = new ClientAddress("X-Forwarded-For", TRUSTED);

        InetAddress resolved =
                addresses.resolve(InetAddress.getByName(peer), forwarded.isEmpty() ? List.of() : List.of(forwarded));

        assertEquals(client, resolved.getHostAddress());
    }

    @Test
    void trustsNoHeaderByDefault() throws UnknownHostException {
        ClientAddress addresses = new ClientAddress("X-Forwarded-For", List.of(""));

        assertEquals(
                "127.0.0.1",
                addresses
                        .resolve(InetAddress.getByName("127.0.0.1"), List.of("6.6.6.6"))
                        .getHostAddress());
    }

    @Test
    void refusesAMalformedProxyEntry() {
        assertThrows(
                IllegalArgumentException.class, () -> new ClientAddress("X-Forwarded-For", List.of("10.0.0.0/33")));
        assertThrows(
                IllegalArgumentException.class, () -> new ClientAddress("X-Forwarded-For", List.of("proxy.internal")));
    }
}
