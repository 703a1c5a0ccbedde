package dev.opscenter.e2e.platform;

import dev.opscenter.common.testing.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Platform runs the real ingress, worker and realtime jars as child processes against one fresh
 * {@link TestEnvironment}, each on a free port, and stops them again.
 */
public final class Platform implements AutoCloseable {
    /** The first console admin every service set starts with (OPSCENTER_ADMIN_USER / _PASSWORD). */
    public static final String ADMIN_USER = "admin";

    public static final String ADMIN_PASSWORD = "e2e first admin password";
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);
    private static final int TAIL_BYTES = 6_000;

    private final HttpClient http;
    private final List<ServiceProcess> services;
    private final ServiceProcess ingress;
    private final ServiceProcess realtime;

    private Platform(HttpClient http, List<ServiceProcess> services) {
        this.http = http;
        this.services = services;
        this.ingress = find(services, "ingress-service");
        this.realtime = find(services, "realtime-service");
    }

    /** Starts the three services, writing their logs under target/e2e-logs/&lt;label&gt;/, and waits until all are healthy. */
    public static Platform start(TestEnvironment env, String label) {
        return start(env, label, Map.of());
    }

    /** Like {@link #start(TestEnvironment, String)}, with extra environment (e.g. shorter recovery timings) for every service. */
    public static Platform start(TestEnvironment env, String label, Map<String, String> extraEnv) {
        ServiceJars jars = ServiceJars.locate();
        Path logDir = jars.moduleTarget().resolve("e2e-logs").resolve(label);
        int ingressPort = TestEnvironment.freePort();
        int ingressManagementPort = TestEnvironment.freePort();
        int workerManagementPort = TestEnvironment.freePort();
        int realtimePort = TestEnvironment.freePort();
        int realtimeManagementPort = TestEnvironment.freePort();
        Map<String, String> common = new HashMap<>();
        common.put("DATABASE_URL", env.jdbcUrl());
        common.put("DATABASE_USER", env.user());
        common.put("DATABASE_PASSWORD", env.password());
        common.put("REDIS_URL", env.redisUri());
        // the test receivers (webhook, Slack, status peers) listen on loopback, which channels may not reach otherwise
        common.put("OPSCENTER_OUTBOUND_ALLOW", "127.0.0.1/32,::1/128");
        common.put("OPSCENTER_REDIS_PREFIX", env.redisPrefix());
        // dev seeds the example sources the tests sign for; the secrets are the test ones all the same, not the dev
        // defaults
        common.put("MICRONAUT_ENVIRONMENTS", "dev");
        common.put("OPSCENTER_ADMIN_TOKEN", TestEnvironment.ADMIN_TOKEN);
        common.put("OPSCENTER_ADMIN_USER", ADMIN_USER);
        common.put("OPSCENTER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the browser talks plain HTTP to 127.0.0.1
        common.put("OPSCENTER_SESSION_SECURE_COOKIE", "false");
        // a wide realtime batch window that a loop with a few sockets keeps whole (one write a second per loop),
        // so alerts published close together reach the pages as batch frames
        common.put("OPSCENTER_REALTIME_BATCH_WINDOW", "300ms");
        common.put("OPSCENTER_REALTIME_LOOP_WRITES", "1");
        common.put("OPSCENTER_SECRET_KEY", TestEnvironment.SECRET_KEY);
        common.put("OPSCENTER_REALTIME_URL", "ws://127.0.0.1:" + realtimePort + "/ws");
        // the names ingress reads today for the socket URL it hands the dashboard and the health it reports
        common.put("OPSCENTER_REALTIME_PUBLIC_URL", "ws://127.0.0.1:" + realtimePort + "/ws");
        common.put("OPSCENTER_REALTIME_HEALTH_URL", "http://127.0.0.1:" + realtimeManagementPort + "/health");
        common.putAll(extraEnv);

        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<ServiceProcess> started = new ArrayList<>();
        Platform platform = new Platform(http, started);
        try {
            // ingress first: it owns the schema migrations the worker reads
            started.add(ServiceProcess.start(
                    "ingress-service",
                    jars.jar("ingress-service"),
                    ingressPort,
                    ingressManagementPort,
                    common,
                    logDir));
            started.get(0).awaitHealthy(http, HEALTHY_WITHIN);
            // the worker serves management endpoints only
            started.add(ServiceProcess.start(
                    "worker-service",
                    jars.jar("worker-service"),
                    workerManagementPort,
                    workerManagementPort,
                    common,
                    logDir));
            started.add(ServiceProcess.start(
                    "realtime-service",
                    jars.jar("realtime-service"),
                    realtimePort,
                    realtimeManagementPort,
                    common,
                    logDir));
            for (ServiceProcess service : started.subList(1, started.size())) {
                service.awaitHealthy(http, HEALTHY_WITHIN);
            }
            return new Platform(http, List.copyOf(started));
        } catch (IOException | RuntimeException e) {
            System.err.println(platform.logTails());
            platform.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** This module's build directory (target/), where logs and screenshots go. */
    public static Path buildDir() {
        return ServiceJars.locate().moduleTarget();
    }

    /** docs/screenshots/ of the repository this module lives in, where the browser tests leave the README's pictures. */
    public static Path docScreenshots() {
        return buildDir()
                .toAbsolutePath()
                .getParent()
                .getParent()
                .resolve("docs")
                .resolve("screenshots");
    }

    /** Base URI of ingress-service, e.g. {@code http://127.0.0.1:41234}. */
    public URI ingress() {
        return ingress.baseUri();
    }

    /** Base URI of a service's management port (health, /prometheus), e.g. {@code management("worker-service")}. */
    public URI management(String service) {
        return URI.create("http://127.0.0.1:" + require(service).managementPort());
    }

    /** The realtime socket URI with the given query string (without the leading '?'). */
    public URI realtimeSocket(String query) {
        return URI.create("ws://127.0.0.1:" + realtime.port() + "/ws" + (query.isEmpty() ? "" : "?" + query));
    }

    /** Kills one service (e.g. {@code "worker-service"}) with SIGKILL: no shutdown hooks, no graceful drain. */
    public void kill(String service) {
        require(service).kill();
    }

    /** Starts a killed service again on the same port with the same environment and waits until it is healthy. */
    public void restart(String service) {
        ServiceProcess process = require(service);
        try {
            process.restart();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.awaitHealthy(http, HEALTHY_WITHIN);
    }

    /** The lines one service (e.g. {@code "ingress-service"}) has written to its log so far. */
    public List<String> logLines(String service) {
        try {
            return Files.readAllLines(require(service).log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceProcess require(String service) {
        ServiceProcess process = find(services, service);
        if (process == null) {
            throw new IllegalArgumentException("no service " + service + " in " + services);
        }
        return process;
    }

    /** A shared HTTP client for talking to the services. */
    public HttpClient http() {
        return http;
    }

    /** The end of every service's log, for a failure report. */
    public String logTails() {
        StringBuilder out = new StringBuilder();
        for (ServiceProcess service : services) {
            out.append("\n===== ")
                    .append(service)
                    .append(" — tail of ")
                    .append(service.log())
                    .append(" =====\n")
                    .append(service.tail(TAIL_BYTES));
        }
        return out.toString();
    }

    /** Stops the services in reverse start order. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
    }

    private static ServiceProcess find(List<ServiceProcess> services, String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Where the reactor put the shaded service jars. */
    private record ServiceJars(Path root, Path moduleTarget, String version) {
        static ServiceJars locate() {
            String version = System.getProperty("opscenter.version", "0.1.0-SNAPSHOT");
            Path module = Path.of(System.getProperty("opscenter.e2e.basedir", System.getProperty("user.dir")))
                    .toAbsolutePath();
            Path root = System.getProperty("opscenter.root") != null
                    ? Path.of(System.getProperty("opscenter.root"))
                    : findRoot(module);
            return new ServiceJars(root, module.resolve("target"), version);
        }

        // from the module directory (failsafe's working dir) or the repository root, whichever the run used
        private static Path findRoot(Path start) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("ingress-service")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
            throw new IllegalStateException("cannot find the project root above " + start + "; set -Dopscenter.root");
        }

        Path jar(String service) {
            Path jar = root.resolve(service).resolve("target").resolve(service + "-" + version + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar + " is missing; build with `mvn -pl e2e-tests -am verify` so the reactor packages it");
            }
            return jar;
        }
    }
}
