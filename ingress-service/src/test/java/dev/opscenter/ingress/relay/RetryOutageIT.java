package dev.opscenter.ingress.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.testing.TestEnvironment;
import dev.opscenter.ingress.IngressIT;
import dev.opscenter.ingress.notify.NotifyClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Manual retries while Redis is unreachable: answered, and left pending and due for the worker's sweeper. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryOutageIT extends IngressIT {
    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("redis.uri", "redis://127.0.0.1:" + TestEnvironment.freePort());
    }

    @Test
    void retryIsKeptWhenTheStreamCannotBeReached() throws SQLException {
        NotifyClient api = new NotifyClient(client, env);
        api.reset();
        long subscription = api.create(
                "/api/subscriptions", "{\"name\":\"orders\",\"eventTypes\":[\"*\"],\"url\":\"https://r.example/in\"}");
        long event = api.event(api.source("shop"), "order.created", "{}");
        long id = api.insert(
                "INSERT INTO deliveries (event_id, subscription_id, status, attempts) VALUES (?, ?, 'failed', 5) RETURNING id",
                event,
                subscription);
        long other = api.insert(
                "INSERT INTO deliveries (event_id, subscription_id, status, attempts) VALUES (?, ?, 'failed', 5) RETURNING id",
                api.event(api.source("more"), "order.paid", "{}"),
                subscription);

        api.expect(202, api.call("POST", "/api/deliveries/" + id + "/retry", null));
        assertEquals(
                Map.of("retried", 1),
                api.expect(202, api.call("POST", "/api/subscriptions/" + subscription + "/retry-failed", null)));
        assertEquals(
                2,
                count(
                        "SELECT count(*) FROM deliveries WHERE status = 'pending' AND next_attempt_at <= now() AND id IN ("
                                + id + ", " + other + ")"));
    }
}
