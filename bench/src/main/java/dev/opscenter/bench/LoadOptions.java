package dev.opscenter.bench;

import dev.opscenter.common.startup.DevSecrets;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * LoadOptions are the command-line settings of one load run.
 *
 * @param ws          the live socket; empty ({@code --ws none}) measures ingress alone
 * @param maxRequests a hard cap on requests, so a mistyped duration cannot run away
 * @param drain       how long to wait after the last request for alerts still in flight
 * @param rate        requests per second sent on schedule, whatever the answers (open loop); 0 runs closed loop,
 *                    each of {@code concurrency} workers sending its next request when the last one is answered
 * @param bodyBytes   size of each delivery (0: the minimal one)
 * @param database    JDBC URL of the services' database, to sample the rows still to process; empty skips it
 * @param warmup      an open loop at the same rate before the measured one, counted nowhere: the generator's own JIT
 *                    and connections warm up, as the services' do in production
 */
record LoadOptions(
        URI url,
        Optional<URI> ws,
        String token,
        String source,
        String secret,
        int concurrency,
        Duration duration,
        int maxRequests,
        Duration drain,
        int rate,
        int bodyBytes,
        Optional<String> database,
        Duration warmup) {

    static final String USAGE = """
            usage: IngressLoad [--url http://127.0.0.1:8080] [--ws ws://127.0.0.1:8081/ws | none] [--token <dev admin token>]
                               [--source github] [--secret <dev github secret>] [--concurrency 8] [--seconds 10]
                               [--max-requests 100000] [--drain-seconds 15] [--rate 0] [--body-bytes 7000]
                               [--warmup-seconds 0] [--database jdbc:postgresql://127.0.0.1:5432/opscenter?user=postgres | none]
            Targets must be loopback addresses: this tool generates load and is not meant to be pointed at shared hosts.""";

    LoadOptions {
        if (concurrency < 1 || concurrency > 512) {
            throw new IllegalArgumentException("--concurrency must be between 1 and 512");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--seconds must be between 1 and 600");
        }
        if (rate < 0 || rate > 20_000) {
            throw new IllegalArgumentException("--rate must be between 0 (closed loop) and 20000");
        }
        if (bodyBytes < 0 || bodyBytes > 1_000_000) {
            throw new IllegalArgumentException("--body-bytes must be between 0 and 1000000");
        }
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(10)) > 0 || (!warmup.isZero() && rate == 0)) {
            throw new IllegalArgumentException("--warmup-seconds must be between 0 and 600, and needs --rate");
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("--max-requests must be positive");
        }
        requireLoopback(url);
        ws.ifPresent(LoadOptions::requireLoopback);
    }

    /** Parses {@code --name value} pairs; unknown names are errors so a typo is not silently ignored. */
    static LoadOptions parse(String[] args) {
        DevSecrets dev = DevSecrets.load();
        Map<String, String> given = Args.parse(
                args,
                Map.ofEntries(
                        Map.entry("url", "http://127.0.0.1:8080"),
                        Map.entry("ws", "ws://127.0.0.1:8081/ws"),
                        Map.entry("token", dev.adminToken()),
                        Map.entry("source", "github"),
                        Map.entry("secret", dev.sourceSecret("github")),
                        Map.entry("concurrency", "8"),
                        Map.entry("seconds", "10"),
                        Map.entry("max-requests", "100000"),
                        Map.entry("drain-seconds", "15"),
                        Map.entry("rate", "0"),
                        Map.entry("body-bytes", "7000"),
                        Map.entry("warmup-seconds", "0"),
                        Map.entry("database", "jdbc:postgresql://127.0.0.1:5432/opscenter?user=postgres")));
        return new LoadOptions(
                URI.create(stripTrailingSlash(given.get("url"))),
                given.get("ws").equals("none") ? Optional.empty() : Optional.of(URI.create(given.get("ws"))),
                given.get("token"),
                given.get("source"),
                given.get("secret"),
                Integer.parseInt(given.get("concurrency")),
                Duration.ofSeconds(Long.parseLong(given.get("seconds"))),
                Integer.parseInt(given.get("max-requests")),
                Duration.ofSeconds(Long.parseLong(given.get("drain-seconds"))),
                Integer.parseInt(given.get("rate")),
                Integer.parseInt(given.get("body-bytes")),
                given.get("database").equals("none") ? Optional.empty() : Optional.of(given.get("database")),
                Duration.ofSeconds(Long.parseLong(given.get("warmup-seconds"))));
    }

    URI webhookUri() {
        return URI.create(url + "/api/webhooks/" + source);
    }

    /** The Authorization header the live socket takes from automation: the admin token as a bearer token. */
    String socketAuthorization() {
        return "Bearer " + token;
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static void requireLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing non-loopback target " + uri);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + host, e);
        }
    }
}
