package dev.opscenter.bench;

import dev.opscenter.common.startup.DevSecrets;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * SocketLoadOptions are the command-line settings of one realtime run.
 *
 * @param ws        the live socket, {@code ws://host:port/ws}
 * @param redis     the Redis the realtime service subscribes to
 * @param prefix    the Redis key prefix of that installation
 * @param metrics   the realtime service's /prometheus (heap and direct memory), or none
 * @param pid       the realtime process, for its resident set size from /proc, or 0
 * @param sockets   sockets opened, each one page
 * @param rate      alerts published per second
 * @param duration  how long alerts are published (each phase, with a storm)
 * @param storm     whether every socket then closes and reconnects with {@code since} while publishing goes on
 * @param sampled   sockets whose every alert is timed (publish → receive); the others are only counted
 * @param drain     how long to wait after the last publish for every socket to have every alert
 */
record SocketLoadOptions(
        URI ws,
        String token,
        URI redis,
        String prefix,
        URI metrics,
        long pid,
        int sockets,
        int rate,
        Duration duration,
        boolean storm,
        int sampled,
        Duration drain) {

    static final String USAGE = """
            usage: SocketLoad [--ws ws://127.0.0.1:8081/ws] [--token <dev admin token>] [--redis redis://127.0.0.1:6379]
                              [--prefix opscenter:] [--metrics http://127.0.0.1:9081/prometheus|none] [--pid 0]
                              [--sockets 1000] [--rate 100] [--seconds 60] [--storm false] [--sampled 100]
                              [--drain-seconds 60]
            Targets must be loopback addresses.""";

    SocketLoadOptions {
        if (sockets < 1 || sockets > 60_000) {
            throw new IllegalArgumentException("--sockets must be between 1 and 60000");
        }
        if (rate < 1 || rate > 10_000) {
            throw new IllegalArgumentException("--rate must be between 1 and 10000");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--seconds must be between 1 and 600");
        }
        LoadOptions.requireLoopback(ws);
        LoadOptions.requireLoopback(redis);
        if (metrics != null) {
            LoadOptions.requireLoopback(metrics);
        }
    }

    static SocketLoadOptions parse(String[] args) {
        Map<String, String> given = Args.parse(
                args,
                Map.ofEntries(
                        Map.entry("ws", "ws://127.0.0.1:8081/ws"),
                        Map.entry("token", DevSecrets.load().adminToken()),
                        Map.entry("redis", "redis://127.0.0.1:6379"),
                        Map.entry("prefix", "opscenter:"),
                        Map.entry("metrics", "http://127.0.0.1:9081/prometheus"),
                        Map.entry("pid", "0"),
                        Map.entry("sockets", "1000"),
                        Map.entry("rate", "100"),
                        Map.entry("seconds", "60"),
                        Map.entry("storm", "false"),
                        Map.entry("sampled", "100"),
                        Map.entry("drain-seconds", "60")));
        String metrics = given.get("metrics");
        return new SocketLoadOptions(
                URI.create(given.get("ws")),
                given.get("token"),
                URI.create(given.get("redis")),
                given.get("prefix"),
                "none".equals(metrics) ? null : URI.create(metrics),
                Long.parseLong(given.get("pid")),
                Integer.parseInt(given.get("sockets")),
                Integer.parseInt(given.get("rate")),
                Duration.ofSeconds(Long.parseLong(given.get("seconds"))),
                Boolean.parseBoolean(given.get("storm")),
                Integer.parseInt(given.get("sampled")),
                Duration.ofSeconds(Long.parseLong(given.get("drain-seconds"))));
    }
}
