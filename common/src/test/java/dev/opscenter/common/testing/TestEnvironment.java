package dev.opscenter.common.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * TestEnvironment gives one test class its own PostgreSQL schema and Redis key prefix on real servers.
 *
 * <p>Servers, in order: {@code OPSCENTER_TEST_DATABASE_URL} / {@code OPSCENTER_TEST_REDIS_URL} if set; else
 * Testcontainers when a Docker engine answers; else the local services on 127.0.0.1 (database {@code test}).
 */
public final class TestEnvironment implements AutoCloseable {
    private static final int FIXED_PORTS_FROM = 20_000;
    private static final int EPHEMERAL_FROM = ephemeralFrom();
    /** Ports already given to a test of this JVM, never given twice even once free again. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * The admin token of every service under test (each service's application-test.yml sets the same value): not the
     * dev token, which a service refuses outside the dev environment.
     */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    /** The secret key of every service under test (application-test.yml): base64 of 32 bytes, not the dev key. */
    public static final String SECRET_KEY = "b3BzY2VudGVyLXRlc3Qta2V5LTAxMjM0NTY3ODlhYmM=";

    private static final Servers SERVERS = Servers.resolve();

    private final String schema;
    private final int managementPort = freePort();

    private TestEnvironment(String schema) {
        this.schema = schema;
    }

    /** Creates a fresh, empty schema. */
    public static TestEnvironment create() {
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = connect(SERVERS.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on " + SERVERS.jdbcUrl(), e);
        }
        return new TestEnvironment(schema);
    }

    /** Properties that point a Micronaut service at this schema and key prefix. */
    public Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("datasources.default.url", jdbcUrl());
        p.put("datasources.default.username", SERVERS.user());
        p.put("datasources.default.password", SERVERS.password());
        p.put("redis.uri", SERVERS.redisUri());
        p.put("opscenter.redis.prefix", redisPrefix());
        return p;
    }

    /**
     * A free port for a service's management endpoints ({@code endpoints.all.port}), so test runs side by side never
     * collide on the fixed production port.
     */
    public int managementPort() {
        return managementPort;
    }

    /**
     * A port nothing listens on right now, below the kernel's ephemeral range: a port from that range (what binding
     * port 0 hands out) can become the local port of any outgoing connection — a JDBC or Redis client's — between
     * this call and the moment a service under test binds it, which failed a run with "Port already in use".
     */
    public static int freePort() {
        for (int tries = 0; tries < 200; tries++) {
            int port = ThreadLocalRandom.current().nextInt(FIXED_PORTS_FROM, EPHEMERAL_FROM);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIXED_PORTS_FROM + " and " + EPHEMERAL_FROM);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel hands out to outgoing connections (Linux: ip_local_port_range; 32768 elsewhere). */
    private static int ephemeralFrom() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim();
            return Math.max(FIXED_PORTS_FROM + 1_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** JDBC URL whose current schema is this environment's. */
    public String jdbcUrl() {
        String base = SERVERS.jdbcUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Opens a connection to this environment's schema (callers close it). */
    public Connection connection() throws SQLException {
        return connect(jdbcUrl());
    }

    /** Runs the statements in this environment's schema, in order, each in its own transaction. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = connection();
                java.sql.Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    public String schema() {
        return schema;
    }

    public String user() {
        return SERVERS.user();
    }

    public String password() {
        return SERVERS.password();
    }

    /** {@code redis://host:port} of the Redis under test. */
    public String redisUri() {
        return SERVERS.redisUri();
    }

    /** Prefix of every Redis key this environment's services use. */
    public String redisPrefix() {
        return schema + ":";
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() {
        try (Connection c = connect(SERVERS.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, SERVERS.user(), SERVERS.password());
    }

    private record Servers(String jdbcUrl, String user, String password, String redisUri) {
        static Servers resolve() {
            String db = System.getenv("OPSCENTER_TEST_DATABASE_URL");
            String redis = System.getenv("OPSCENTER_TEST_REDIS_URL");
            String user = env("OPSCENTER_TEST_DATABASE_USER", "postgres");
            String password = env("OPSCENTER_TEST_DATABASE_PASSWORD", "");
            if (db == null && redis == null && dockerAnswers()) {
                PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:16-alpine");
                pg.start();
                GenericContainer<?> r = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                r.start();
                return new Servers(
                        pg.getJdbcUrl(),
                        pg.getUsername(),
                        pg.getPassword(),
                        "redis://" + r.getHost() + ":" + r.getMappedPort(6379));
            }
            return new Servers(
                    db != null ? db : "jdbc:postgresql://127.0.0.1:5432/test",
                    user,
                    password,
                    redis != null ? redis : "redis://127.0.0.1:6379");
        }

        private static boolean dockerAnswers() {
            boolean socket = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
            if (!socket) {
                return false;
            }
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false;
            }
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null ? fallback : v;
        }
    }
}
