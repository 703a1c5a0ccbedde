package dev.opscenter.ingress.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the browser security headers to every response, dashboard files and API answers alike. The policy allows what
 * the dashboard uses and nothing more: its own scripts and styles (it has no inline ones), data: for the empty
 * favicon, calls to this origin and to the live socket, and no framing anywhere (clickjacking).
 */
@ServerFilter("/**")
final class SecurityHeaders implements Ordered {
    /** A host name or IPv4/IPv6 literal as it may appear in a Host header; anything else could smuggle policy text. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    private static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self' %s; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityHeaders.class);

    private final String realtimeOrigin;

    SecurityHeaders(@Value("${opscenter.realtime.public-url}") String realtimeUrl) {
        this.realtimeOrigin = realtimeUrl == null || realtimeUrl.isBlank() ? null : origin(realtimeUrl.trim());
    }

    /** Outside the security filter, so refusals (401, 403) carry the headers too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY.formatted(liveSocket(request)));
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY"); // frame-ancestors for browsers that predate it
    }

    /** The configured socket's origin; by default the page's own host on port 8081 (see live.js). */
    private String liveSocket(HttpRequest<?> request) {
        if (realtimeOrigin != null) {
            return realtimeOrigin;
        }
        String host = hostName(request.getHeaders().get(HttpHeaders.HOST));
        return host == null ? "" : "ws://" + host + ":8081 wss://" + host + ":8081";
    }

    private static String hostName(String header) {
        if (header == null) {
            return null;
        }
        int end = header.startsWith("[") ? header.indexOf(']') + 1 : header.indexOf(':');
        String host = end <= 0 ? header : header.substring(0, end);
        return HOST.matcher(host).matches() ? host : null;
    }

    private static String origin(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = URI.create("invalid:/");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("ws") && !scheme.equals("wss")) || uri.getHost() == null) {
            // a wrong dashboard setting must not stop webhooks: the page just cannot open its socket
            LOG.warn("opscenter.realtime.public-url is not a ws:// or wss:// URL; the dashboard may not connect to it");
            return "";
        }
        return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
