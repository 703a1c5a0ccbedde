package dev.opscenter.common.net;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * OutboundPolicy decides which addresses channels may reach: public unicast addresses always, the forbidden
 * {@link AddressClass classes} only inside an allow-listed block ({@code opscenter.outbound.allow}, env
 * OPSCENTER_OUTBOUND_ALLOW, comma-separated CIDRs; empty in production, loopback in development and tests).
 */
@Singleton
public final class OutboundPolicy {
    private static final List<InetAddress> LOCALHOST = List.of(
            HostLiteral.parse("127.0.0.1").orElseThrow(),
            HostLiteral.parse("::1").orElseThrow());

    private final List<Cidr> allowed;

    public OutboundPolicy(@Value("${opscenter.outbound.allow:}") @Nullable List<String> allow) {
        this.allowed = allow == null
                ? List.of()
                : allow.stream()
                        .filter(s -> s != null && !s.isBlank())
                        .map(Cidr::parse)
                        .toList();
    }

    /** A policy with nothing allow-listed. */
    public static OutboundPolicy strict() {
        return new OutboundPolicy(List.of());
    }

    /** Why a connection to this address is refused ("a loopback address"), or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return Optional.empty();
        }
        return AddressClass.of(address).map(AddressClass::described);
    }

    /**
     * Why a URL host is refused without resolving it: a literal address of a forbidden class, or a name that is
     * loopback by definition ({@code localhost}, {@code *.localhost}, RFC 6761). Empty for other names: those are
     * checked after resolution, on every connection.
     */
    public Optional<String> literalRefusal(String host) {
        Optional<InetAddress> literal = HostLiteral.parse(host);
        if (literal.isPresent()) {
            return refusal(literal.get());
        }
        String name = host.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            // it may resolve to either loopback address, so both must be allowed
            return LOCALHOST.stream()
                    .map(this::refusal)
                    .flatMap(Optional::stream)
                    .findFirst();
        }
        return Optional.empty();
    }

    /**
     * Resolves the host once and returns its addresses, all of them allowed; a caller connects to exactly these.
     *
     * @throws RefusedAddressException when any address the host resolves to is refused (so a name that mixes a
     *                                 public and an internal address cannot reach the internal one either)
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Optional<InetAddress> literal = HostLiteral.parse(host);
        InetAddress[] addresses =
                literal.isPresent() ? new InetAddress[] {literal.get()} : InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedAddressException(host, refusal.get());
            }
        }
        return addresses;
    }
}
