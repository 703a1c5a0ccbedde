package dev.opscenter.bench;

import dev.opscenter.common.startup.DevSecrets;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * FanoutOptions are the command-line settings of one fan-out run.
 *
 * @param url        ingress, for the admin API and the webhook
 * @param worker     the worker's management port, whose /prometheus is sampled
 * @param recipients members of the recipient group, one notification each
 * @param batch      members added per admin API call
 * @param timeout    the whole run, setup included, stops after this
 * @param sampleEvery how often heap and fan-out progress are sampled
 */
record FanoutOptions(
        URI url, URI worker, String token, int recipients, int batch, Duration timeout, Duration sampleEvery) {

    static final String USAGE = """
            usage: FanoutHeap [--url http://127.0.0.1:8080] [--worker http://127.0.0.1:9082] [--token <dev admin token>]
                              [--recipients 10000] [--batch 2000] [--timeout-seconds 300] [--sample-ms 250]
            Targets must be loopback addresses; the webhook receiver listens on 127.0.0.1 only.""";

    FanoutOptions {
        if (recipients < 1 || recipients > 100_000) {
            throw new IllegalArgumentException("--recipients must be between 1 and 100000");
        }
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("--batch must be between 1 and 10000 (the API's limit per call)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("--timeout-seconds must be between 1 and 1800");
        }
        if (sampleEvery.compareTo(Duration.ofMillis(50)) < 0 || sampleEvery.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("--sample-ms must be between 50 and 10000");
        }
        LoadOptions.requireLoopback(url);
        LoadOptions.requireLoopback(worker);
    }

    /** Parses {@code --name value} pairs; unknown names are errors so a typo is not silently ignored. */
    static FanoutOptions parse(String[] args) {
        Map<String, String> given = Args.parse(
                args,
                Map.of(
                        "url", "http://127.0.0.1:8080",
                        "worker", "http://127.0.0.1:9082",
                        "token", DevSecrets.load().adminToken(),
                        "recipients", "10000",
                        "batch", "2000",
                        "timeout-seconds", "300",
                        "sample-ms", "250"));
        return new FanoutOptions(
                URI.create(LoadOptions.stripTrailingSlash(given.get("url"))),
                URI.create(LoadOptions.stripTrailingSlash(given.get("worker"))),
                given.get("token"),
                Integer.parseInt(given.get("recipients")),
                Integer.parseInt(given.get("batch")),
                Duration.ofSeconds(Long.parseLong(given.get("timeout-seconds"))),
                Duration.ofMillis(Long.parseLong(given.get("sample-ms"))));
    }
}
