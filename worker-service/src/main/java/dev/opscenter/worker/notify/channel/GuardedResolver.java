package dev.opscenter.worker.notify.channel;

import dev.opscenter.common.net.OutboundPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * GuardedResolver is the channel HTTP client's only name lookup: it resolves once and hands the client only
 * addresses the outbound policy allows, and the client connects to exactly those, so a name that re-resolves to an
 * internal address between a check and the connection (DNS rebinding) never reaches it.
 */
final class GuardedResolver implements DnsResolver {
    private final OutboundPolicy policy;

    GuardedResolver(OutboundPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.resolve(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // only used for Kerberos/SPNEGO, which channels never do; no second lookup
        return host;
    }
}
