package dev.opscenter.ingress.client;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** TrustedProxies is the list of networks (CIDR) whose forwarding headers are believed; empty trusts none. */
record TrustedProxies(List<IpSubnetFilterRule> networks) {

    /** Parses entries such as {@code 10.0.0.0/8}, {@code 192.168.1.7} or {@code fd00::/8}; a bad entry fails start-up. */
    static TrustedProxies parse(List<String> cidrs) {
        return new TrustedProxies(cidrs.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(TrustedProxies::network)
                .toList());
    }

    boolean trusts(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return networks.stream().anyMatch(rule -> rule.matches(socket));
    }

    /** An IP literal, or null for anything else (no name is ever resolved). */
    static InetAddress literal(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        return NetUtil.createInetAddressFromIpAddressString(s);
    }

    private static IpSubnetFilterRule network(String cidr) {
        int slash = cidr.indexOf('/');
        InetAddress address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("trusted proxy is not an IP address or CIDR: " + cidr);
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("trusted proxy has a bad prefix length: " + cidr, e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("trusted proxy has a bad prefix length: " + cidr);
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }
}
