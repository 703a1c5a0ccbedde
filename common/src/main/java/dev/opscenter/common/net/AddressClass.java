package dev.opscenter.common.net;

import java.net.InetAddress;
import java.util.Optional;

/** AddressClass names the kinds of addresses an outbound request may not reach unless allow-listed. */
public enum AddressClass {
    LOOPBACK("a loopback"),
    PRIVATE("a private"),
    SHARED("a carrier-grade NAT"),
    LINK_LOCAL("a link-local"),
    MULTICAST("a multicast"),
    UNSPECIFIED("an unspecified"),
    RESERVED("a reserved");

    private final String article;

    AddressClass(String article) {
        this.article = article;
    }

    /** "a loopback address", for error texts. */
    public String described() {
        return article + " address";
    }

    /** The forbidden class of the address, or empty when it is a public unicast address. */
    public static Optional<AddressClass> of(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            byte[] embedded = embeddedIpv4(b);
            return embedded != null ? ofIpv4(embedded) : ofIpv6(b);
        }
        return ofIpv4(b);
    }

    private static Optional<AddressClass> ofIpv4(byte[] b) {
        int a = b[0] & 0xff;
        int second = b[1] & 0xff;
        AddressClass c = null;
        if (a == 0) {
            c = UNSPECIFIED;
        } else if (a == 127) {
            c = LOOPBACK;
        } else if (a == 10 || (a == 172 && (second & 0xf0) == 16) || (a == 192 && second == 168)) {
            c = PRIVATE;
        } else if (a == 100 && (second & 0xc0) == 64) {
            c = SHARED;
        } else if (a == 169 && second == 254) {
            c = LINK_LOCAL;
        } else if ((a & 0xf0) == 224) {
            c = MULTICAST;
        } else if ((a & 0xf0) == 240) {
            c = RESERVED;
        }
        return Optional.ofNullable(c);
    }

    private static Optional<AddressClass> ofIpv6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        AddressClass c = null;
        if (isZero(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            c = b[15] == 0 ? UNSPECIFIED : LOOPBACK;
        } else if ((first & 0xfe) == 0xfc) {
            c = PRIVATE;
        } else if (first == 0xfe && (second & 0xc0) == 0x80) {
            c = LINK_LOCAL;
        } else if (first == 0xfe && (second & 0xc0) == 0xc0) {
            c = PRIVATE; // deprecated site-local fec0::/10
        } else if (first == 0xff) {
            c = MULTICAST;
        }
        return Optional.ofNullable(c);
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = isZero(b, 0, 12) && !isZero(b, 12, 16) && !(isZero(b, 12, 15) && b[15] == 1);
        if (!mapped && !compatible) {
            return null;
        }
        return new byte[] {b[12], b[13], b[14], b[15]};
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
