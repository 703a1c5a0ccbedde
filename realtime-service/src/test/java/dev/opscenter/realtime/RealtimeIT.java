package dev.opscenter.realtime;

import dev.opscenter.common.redis.RedisKeys;
import dev.opscenter.common.testing.TestEnvironment;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.websocket.WebSocketClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import reactor.core.publisher.Mono;

/**
 * RealtimeIT is what every realtime integration test starts from: its own Redis key prefix, the service's Redis
 * connection and meters, and sockets to the running service that are closed after each test.
 *
 * <p>Subclasses carry {@code @MicronautTest} and {@code @TestInstance(PER_CLASS)}: one instance per class is what
 * makes {@link #env} per class and lets Micronaut read {@link #getProperties()} before it starts.
 */
public abstract class RealtimeIT implements TestPropertyProvider {
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(10);

    protected final TestEnvironment env = TestEnvironment.create();

    @Inject
    @Client("/")
    protected WebSocketClient sockets;

    @Inject
    protected StatefulRedisConnection<String, String> redis;

    @Inject
    protected RedisKeys keys;

    @Inject
    protected JsonMapper json;

    @Inject
    protected MeterRegistry meters;

    private final List<LiveClient> opened = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(env.properties());
        // management endpoints on a free port, not the fixed 9080/9081
        properties.put("opscenter.management-port", Integer.toString(env.managementPort()));
        return properties;
    }

    @AfterAll
    void dropSchema() {
        env.close();
    }

    /** Opens a socket with the admin token as a bearer header; it is closed after the test. */
    protected LiveClient connect(String path) {
        return connect(asAdmin(path));
    }

    /** Opens a socket with the request as given; it is closed after the test. */
    protected LiveClient connect(MutableHttpRequest<?> request) {
        LiveClient client =
                Mono.from(sockets.connect(LiveClient.class, request)).block(CONNECT_DEADLINE);
        opened.add(client);
        return client;
    }

    /** An upgrade request for the path that automation would send: the admin token in the Authorization header. */
    protected static MutableHttpRequest<?> asAdmin(String path) {
        return HttpRequest.GET(path).bearerAuth(TestEnvironment.ADMIN_TOKEN);
    }

    @AfterEach
    protected void closeClients() throws Exception {
        for (LiveClient client : opened) {
            client.close();
        }
        opened.clear();
    }

    /** The raw texts of the alert messages a socket received, in order. */
    protected static List<String> alertTexts(LiveClient client) {
        return client.texts().stream()
                .filter(t -> t.contains("\"type\":\"alert\""))
                .toList();
    }

    /** Sockets the service holds open now. */
    protected double sessions() {
        return meters.get("opscenter.realtime.sessions").gauge().value();
    }
}
