package dev.opscenter.common.net;

import java.net.UnknownHostException;

/**
 * RefusedAddressException says a destination resolved to an address outbound requests may not reach. It is an
 * UnknownHostException so that HTTP and mail clients treat it as a failed lookup and never connect.
 */
public final class RefusedAddressException extends UnknownHostException {
    private final String reason;

    public RefusedAddressException(String host, String reason) {
        super(host + " resolves to " + reason + ", which outbound requests may not reach");
        this.reason = reason;
    }

    /** The refused class, e.g. "a loopback address". */
    public String reason() {
        return reason;
    }
}
