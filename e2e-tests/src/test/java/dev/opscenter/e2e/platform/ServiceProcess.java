package dev.opscenter.e2e.platform;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** One service jar running as a child process, on a public and a management port, with its output in a log file. */
final class ServiceProcess {
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(15);

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final Path log;
    private volatile Process process;

    private ServiceProcess(String name, Path jar, int port, int managementPort, Map<String, String> env, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /**
     * Starts {@code java -jar <jar>} with the given environment on the given ports (the worker has no public port:
     * pass its management port twice).
     */
    static ServiceProcess start(
            String name, Path jar, int port, int managementPort, Map<String, String> env, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        ServiceProcess service =
                new ServiceProcess(name, jar, port, managementPort, env, logDir.resolve(name + ".log"));
        service.launch(ProcessBuilder.Redirect.to(service.log.toFile()));
        return service;
    }

    /** Kills the process without warning (SIGKILL), as a crash or an OOM killer would, and waits until it is gone. */
    void kill() {
        Process dying = process;
        try {
            if (!dying.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(this + " survived a forcible kill");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the service again with the same jar, port and environment, appending to the same log. */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(this + " is still running");
        }
        launch(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private void launch(ProcessBuilder.Redirect output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small heaps and C1 only: three JVMs share a small machine and live only for one test class
        command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment().putAll(env);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("OPSCENTER_MANAGEMENT_PORT", Integer.toString(managementPort));
        Process started = builder.start();
        // if the test JVM dies without running @AfterAll, the service must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, name + "-reaper"));
        process = started;
    }

    String name() {
        return name;
    }

    int managementPort() {
        return managementPort;
    }

    int port() {
        return port;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Waits until GET /health on the management port answers 200, failing early if the process exits. */
    void awaitHealthy(HttpClient http, Duration deadline) {
        Process process = this.process;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            Awaitility.await(name + " /health")
                    .atMost(deadline)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> e instanceof IOException)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    name + " exited with code " + process.exitValue() + " before it was healthy");
                        }
                        return http.send(request, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    name + " was not healthy on management port " + managementPort + " within " + deadline, e);
        }
    }

    /** Asks the service to shut down gracefully, then forcibly if it does not. */
    void stop() {
        Process process = this.process;
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last maxBytes of the log, for failure reports. */
    String tail(int maxBytes) {
        if (!Files.exists(log)) {
            return "(no log at " + log + ")";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - maxBytes);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }
}
