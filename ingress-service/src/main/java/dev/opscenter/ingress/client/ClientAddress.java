package dev.opscenter.ingress.client;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * ClientAddress tells who sent a request. The forwarding header is believed only when the socket peer is a configured
 * trusted proxy, and then the right-most address that is not itself a trusted proxy is the client: every hop left of
 * it was written by the client and proves nothing. With no trusted proxies (the default) it is the socket address.
 */
@Singleton
public final class ClientAddress {
    private final String header;
    private final TrustedProxies proxies;

    ClientAddress(
            @Value("${opscenter.http.client-address-header}") String header,
            @Value("${opscenter.http.trusted-proxies}") List<String> proxies) {
        this.header = header;
        this.proxies = TrustedProxies.parse(proxies);
    }

    /** The client's IP address as text. */
    public String of(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        return resolve(peer, request.getHeaders().getAll(header)).getHostAddress();
    }

    InetAddress resolve(InetAddress peer, List<String> forwarded) {
        if (header.isBlank() || !proxies.trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwarded.forEach(value -> hops.addAll(List.of(value.split(","))));
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = TrustedProxies.literal(hops.get(i));
            if (hop == null) {
                return client; // garbage from the left of a trusted hop: keep the last address a trusted proxy vouched
                // for
            }
            client = hop;
            if (!proxies.trusts(hop)) {
                return hop;
            }
        }
        return client;
    }
}
