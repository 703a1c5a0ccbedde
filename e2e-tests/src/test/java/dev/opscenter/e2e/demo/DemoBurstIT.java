package dev.opscenter.e2e.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opscenter.bench.demo.Demo;
import dev.opscenter.e2e.platform.PlatformExtension;
import dev.opscenter.e2e.platform.Webhooks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo's burst, sent to the real services in the dev environment, is accepted whole and becomes one alert each. */
class DemoBurstIT {
    private static final Path FIXTURES =
            Path.of(System.getProperty("opscenter.root", "..")).resolve("worker-service/src/test/resources/fixtures");

    @RegisterExtension
    static final PlatformExtension PLATFORM = new PlatformExtension();

    @Test
    void everyDeliveryIsAcceptedAndBecomesAnAlert() {
        List<Demo.Reply> replies = Demo.send(
                PLATFORM.platform().ingress(), FIXTURES, PLATFORM.platform().http(), Clock.systemUTC(), reply -> {});
        Set<Long> events = new HashSet<>();
        for (Demo.Reply reply : replies) {
            assertEquals(202, reply.status(), reply.label() + ": " + reply.body());
            JsonNode accepted = Webhooks.json(reply.body());
            assertEquals("accepted", accepted.path("status").asText(), reply.label() + ": " + reply.body());
            events.add(accepted.path("id").asLong());
        }
        assertEquals(replies.size(), events.size(), "one event per delivery: " + replies);

        Webhooks webhooks = new Webhooks(PLATFORM.platform());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertTrue(
                        alertedEvents(webhooks).containsAll(events),
                        "alerts for " + events + ", have " + alertedEvents(webhooks)));
    }

    private static Set<Long> alertedEvents(Webhooks webhooks) {
        Set<Long> alerted = new HashSet<>();
        Webhooks.json(webhooks.admin("/api/alerts?limit=100").body())
                .path("items")
                .forEach(alert -> alerted.add(alert.path("eventId").asLong()));
        return alerted;
    }
}
