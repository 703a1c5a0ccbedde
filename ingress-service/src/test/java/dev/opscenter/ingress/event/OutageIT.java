package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.signature.GitHubSignature;
import dev.opscenter.common.testing.TcpProxy;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.source.SourceKind;
import dev.opscenter.ingress.source.SourceRepository;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.Range;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ingress with PostgreSQL and Redis reached through proxies that the tests cut: a webhook is never answered 2xx
 * unless committed, and an event accepted while Redis is away is enqueued by the sweeper once it is back.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageIT extends IngressIT {
    static final String SECRET = "gh-secret-for-tests";
    static final AtomicInteger DELIVERY = new AtomicInteger();

    final TcpProxy redisProxy = proxyTo(env.redisUri());
    final TcpProxy postgresProxy = TcpProxy.to("127.0.0.1", URI.create(env.jdbcUrl().substring(5)).getPort()).open();

    @Inject
    SourceRepository sources;
    @Inject
    PendingSweeper sweeper;
    @Inject
    RedisKeys keys;
    @Inject
    DataSource dataSource;

    StatefulRedisConnection<String, String> direct;

    static TcpProxy proxyTo(String redisUri) {
        URI uri = URI.create(redisUri);
        return TcpProxy.to(uri.getHost(), uri.getPort());
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("redis.uri", "redis://127.0.0.1:" + redisProxy.port());
        p.put("datasources.default.url", env.jdbcUrl().replaceFirst(":\\d+/", ":" + postgresProxy.port() + "/"));
        p.put("opscenter.sweeper.pending-age", "1s");
        p.put("opscenter.sweeper.enabled", "true");
        p.put("opscenter.sweeper.interval", "1h"); // swept by hand below
        return p;
    }

    @AfterAll
    void closeProxies() {
        redisProxy.close();
        postgresProxy.close();
    }

    @BeforeEach
    void setUp() {
        postgresProxy.open();
        // pooled connections that died with a cut in an earlier test would each fail once; start every test clean
        ((HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource)).getHikariPoolMXBean().softEvictConnections();
        if (sources.findBySlug("gh").isEmpty()) {
            sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);
        }
        direct = RedisClient.create(env.redisUri()).connect();
    }

    private Reply post() {
        String body = "{\"zen\":\"Keep it logically awesome.\"}";
        return client.post("/api/webhooks/gh", body, Map.of("X-GitHub-Event", "ping",
                "X-GitHub-Delivery", "outage-" + DELIVERY.incrementAndGet(),
                "X-Hub-Signature-256", GitHubSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8))));
    }

    private String status(long id) throws SQLException {
        try (Connection c = env.connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT status FROM webhook_events WHERE id = " + id)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private boolean streamHas(long id) {
        return direct.sync().xrange(keys.events(), Range.create("-", "+")).stream()
                .anyMatch(e -> e.getBody().get(RedisKeys.EVENT_ID_FIELD).equals(Long.toString(id)));
    }

    @Test
    void redisDownStillAcceptsAndSweeperEnqueuesLater() throws SQLException {
        redisProxy.cut();
        Reply reply = post();
        assertEquals(202, reply.status(), reply.body());
        long id = Long.parseLong(reply.body().replaceAll("\\D+", " ").trim().split(" ")[0]);
        assertEquals("pending", status(id));
        assertTrue(!streamHas(id), "Redis was down: nothing could be enqueued");

        redisProxy.open();
        // ignoreExceptions: a pooled connection cut by another test may fail once before the pool replaces it
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> sweeper.sweep() > 0 && streamHas(id));
        assertEquals(0, sweeper.sweep(), "a swept event waits a full (doubled) age before the next sweep");
    }

    @Test
    void redisLostMidFlightStillAccepts() throws SQLException {
        redisProxy.open();
        assertEquals(202, post().status());
        redisProxy.cut(); // drops the live connection
        Reply reply = post();
        assertEquals(202, reply.status(), reply.body());
        redisProxy.open();
    }

    @Test
    void postgresDownIs503AndStoresNothing() throws SQLException {
        long before = count("SELECT count(*) FROM webhook_events");
        postgresProxy.cut();
        Reply reply = post();
        assertEquals(503, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        postgresProxy.open();
        assertEquals(before, count("SELECT count(*) FROM webhook_events"));
        // pooled connections that died in the outage fail once each (503 again); then webhooks are accepted again
        await().atMost(Duration.ofSeconds(20)).until(() -> post().status() == 202);
    }
}
