package dev.opscenter.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {
    private final OutboundPolicy strict = OutboundPolicy.strict();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, a loopback address",
        "127.1, a loopback address",
        "2130706433, a loopback address",
        "0x7f.1, a loopback address",
        "0x7f000001, a loopback address",
        "017700000001, a loopback address",
        "0177.0.0.1, a loopback address",
        "[::1], a loopback address",
        "[::ffff:127.0.0.1], a loopback address",
        "[::ffff:7f00:1], a loopback address",
        "localhost, a loopback address",
        "api.localhost., a loopback address",
        "10.1.2.3, a private address",
        "172.16.0.1, a private address",
        "172.31.255.255, a private address",
        "192.168.1.1, a private address",
        "[fc00::1], a private address",
        "[fd12:3456::1], a private address",
        "100.64.0.1, a carrier-grade NAT address",
        "169.254.169.254, a link-local address",
        "[fe80::1], a link-local address",
        "[::ffff:169.254.169.254], a link-local address",
        "224.0.0.1, a multicast address",
        "[ff02::1], a multicast address",
        "0.0.0.0, an unspecified address",
        "0, an unspecified address",
        "[::], an unspecified address",
        "255.255.255.255, a reserved address"
    })
    void refusesLiteralOfForbiddenClass(String host, String reason) {
        assertEquals(Optional.of(reason), strict.literalRefusal(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "hooks.slack.com", "[2001:db8::1]", "1.1.1.1."})
    void acceptsPublicAddressesAndNames(String host) {
        assertEquals(Optional.empty(), strict.literalRefusal(host));
    }

    @Test
    void allowListedBlockIsReachable() throws Exception {
        OutboundPolicy dev = new OutboundPolicy(List.of("127.0.0.0/8", "::1/128", " "));
        assertEquals(Optional.empty(), dev.literalRefusal("127.0.0.1"));
        assertEquals(Optional.empty(), dev.literalRefusal("[::1]"));
        assertEquals(Optional.of("a link-local address"), dev.literalRefusal("169.254.169.254"));
        assertTrue(dev.resolve("localhost").length > 0);
    }

    @Test
    void resolvingNameOfLoopbackIsRefused() {
        RefusedAddressException e = assertThrows(RefusedAddressException.class, () -> strict.resolve("localhost"));
        assertEquals("a loopback address", e.reason());
    }

    @Test
    void resolvedAddressesAreReturnedForConnecting() throws Exception {
        InetAddress[] addresses = new OutboundPolicy(List.of("10.0.0.0/8")).resolve("10.0.0.7");
        assertEquals(InetAddress.getByName("10.0.0.7"), addresses[0]);
    }

    @Test
    void allowListRejectsWhatIsNotAnAddressBlock() {
        assertThrows(IllegalArgumentException.class, () -> new OutboundPolicy(List.of("example.com/8")));
        assertTrue(new OutboundPolicy(List.of("10.0.0.0/9"))
                .refusal(addr("10.200.0.1"))
                .isPresent());
    }

    private static InetAddress addr(String text) {
        return HostLiteral.parse(text).orElseThrow();
    }
}
