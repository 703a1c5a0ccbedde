package dev.opscenter.ingress.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.TcpProxy;
import dev.opscenter.common.vocabulary.SourceKind;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.IngressTestClient.Reply;
import dev.opscenter.ingress.guard.DatabaseBreaker;
import dev.opscenter.ingress.source.SourceRepository;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
    final TcpProxy postgresProxy = TcpProxy.to(
                    "127.0.0.1", URI.create(env.jdbcUrl().substring(5)).getPort())
            .open();

    @Inject
    SourceRepository sources;

    @Inject
    PendingSweeper sweeper;

    @Inject
    RedisKeys keys;

    @Inject
    DataSource dataSource;

    @Inject
    DatabaseBreaker breaker;

    StatefulRedisConnection<String, String> direct;

    static TcpProxy proxyTo(String redisUri) {
        URI uri = URI.create(redisUri);
        return TcpProxy.to(uri.getHost(), uri.getPort());
    }

    @Override
    public Map<String, String> getProperties() {
        return propertiesWith(
                "redis.uri", "redis://127.0.0.1:" + redisProxy.port(),
                // the application name tells this service's sessions from every other on the shared server
                "datasources.default.url",
                        env.jdbcUrl().replaceFirst(":\\d+/", ":" + postgresProxy.port() + "/") + "&ApplicationName="
                                + env.schema(),
                "opscenter.sweeper.pending-age", "1s",
                "opscenter.sweeper.enabled", "true",
                "opscenter.sweeper.interval", "1h"); // swept by hand below
    }

    @AfterAll
    void closeProxies() {
        redisProxy.close();
        postgresProxy.close();
    }

    @BeforeEach
    void setUp() {
        postgresProxy.open();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !breaker.isOpen()); // an earlier outage is over for the service too
        // pooled connections that died with a cut in an earlier test would each fail once; start every test clean
        ((HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource))
                .getHikariPoolMXBean()
                .softEvictConnections();
        if (sources.findBySlug("gh").isEmpty()) {
            sources.insert("GitHub", "gh", SourceKind.GITHUB, SECRET, Map.of(), true);
        }
        direct = RedisClient.create(env.redisUri()).connect();
    }

    private Reply post() {
        return Reply.of(webhook("outage-" + DELIVERY.incrementAndGet()));
    }

    /** A signed GitHub ping with this delivery id, answered with its headers. */
    private HttpResponse<String> webhook(String delivery) {
        return client.githubPing(SECRET, delivery);
    }

    /** 503 at once, with Retry-After, as a problem: the provider retries later. */
    private static void assertUnavailable(HttpResponse<String> reply) {
        assertEquals(503, reply.statusCode(), reply.body());
        assertTrue(reply.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        assertTrue(reply.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    }

    private String status(long id) throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
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
    void hungRedisHoldsNoWebhook() throws SQLException {
        redisProxy.open();
        long connected =
                Long.parseLong(post().body().replaceAll("\\D+", " ").trim().split(" ")[0]);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> streamHas(connected)); // the connection is up, then Redis stops answering
        redisProxy.hang();
        int webhooks = 20;
        List<Reply> replies = new CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < webhooks; i++) {
                replies.add(post());
            }
        });
        // one after the other: had any waited for Redis' 2 s command timeout, 20 would take 40 s
        await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == webhooks);
        List<Long> ids = new ArrayList<>();
        for (Reply reply : replies) {
            assertEquals(202, reply.status(), reply.body());
            ids.add(Long.parseLong(reply.body().replaceAll("\\D+", " ").trim().split(" ")[0]));
        }
        for (long id : ids) {
            assertEquals("pending", status(id), "committed before the answer");
        }

        redisProxy.cut(); // a hung connection is useless afterwards; the client reconnects
        redisProxy.open();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            sweeper.sweep();
            return ids.stream().allMatch(this::streamHas);
        });
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

    @Test
    void postgresDownFailsFastAfterTheFirstFailure() {
        postgresProxy.cut();
        assertUnavailable(webhook("down-first-" + DELIVERY.incrementAndGet())); // waits for the pool once
        assertTrue(breaker.isOpen(), "the failure is remembered");
        int webhooks = 20;
        List<HttpResponse<String>> replies = new CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < webhooks; i++) {
                replies.add(webhook("down-" + DELIVERY.incrementAndGet()));
            }
        });
        // one after the other: had any waited for a pool connection (3 s), not even one would be answered in 2 s
        await().atMost(Duration.ofSeconds(2)).until(() -> replies.size() == webhooks);
        replies.forEach(OutageIT::assertUnavailable);

        postgresProxy.open();
        // nobody resets anything: a background probe finds the database back
        await().atMost(Duration.ofSeconds(30)).until(() -> post().status() == 202);
    }

    @Test
    void terminatedDatabaseSessionIs503() throws SQLException {
        postgresProxy.open();
        String delivery = "terminated-" + DELIVERY.incrementAndGet();
        try (Connection holder = env.connection();
                Statement s = holder.createStatement()) {
            // hold this delivery's unique key, so the webhook's INSERT waits for us inside PostgreSQL
            holder.setAutoCommit(false);
            s.execute("INSERT INTO webhook_events (source_id, delivery_id, raw_body) SELECT id, '" + delivery
                    + "', ''::bytea FROM webhook_sources WHERE slug = 'gh'");
            CompletableFuture<HttpResponse<String>> reply = CompletableFuture.supplyAsync(() -> webhook(delivery));
            // end the waiting session as a shutting-down server does (SQLSTATE 57P01 admin_shutdown)
            await().atMost(Duration.ofSeconds(10)).until(() -> terminateWaiting() > 0);
            assertUnavailable(reply.join());
            holder.rollback();
        }
    }

    /** Ends this service's sessions that wait for a lock; from its own session, whose view of them is current. */
    private int terminateWaiting() throws SQLException {
        try (Connection c = env.connection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
                                + env.schema() + "' AND wait_event_type = 'Lock'")) {
            r.next();
            return r.getInt(1);
        }
    }
}
