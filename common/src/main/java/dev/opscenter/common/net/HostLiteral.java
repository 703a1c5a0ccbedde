package dev.opscenter.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * HostLiteral reads a URL host that names an address without DNS: IPv6 in brackets, and IPv4 in every form the
 * C resolver accepts (inet_aton: 1 to 4 parts, each decimal, {@code 0x} hex or {@code 0} octal, so {@code 2130706433},
 * {@code 0x7f.1} and {@code 017700000001} are all 127.0.0.1). Never resolves a name.
 */
public final class HostLiteral {
    private HostLiteral() {}

    /** The address the host names literally, or empty when it is a DNS name. */
    public static Optional<InetAddress> parse(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.contains(":")) {
            return ipv6(h);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return ipv4(h.toLowerCase(Locale.ROOT));
    }

    private static Optional<InetAddress> ipv6(String h) {
        // only hex digits, colons, dots (embedded IPv4) and a zone: InetAddress then parses it without DNS
        if (!h.matches("[0-9A-Fa-f:.]+(%[0-9A-Za-z._-]+)?")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String h) {
        if (h.isEmpty() || !h.matches("[0-9a-fx.]+")) {
            return Optional.empty();
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return Optional.empty();
            }
            values[i] = v;
        }
        // every part but the last is one byte; the last fills the remaining bytes
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (4 - (values.length - 1)))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static Long number(String part) {
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0L : parse(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return parse(part.substring(1), 8);
            }
            return part.isEmpty() ? null : parse(part, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parse(String digits, int radix) {
        if (digits.length() > 12) {
            return null;
        }
        long v = Long.parseLong(digits, radix);
        return v > 0xffffffffL ? null : v;
    }
}
