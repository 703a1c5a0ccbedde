package dev.opscenter.realtime.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.realtime.AlertPublisher;
import dev.opscenter.realtime.LiveClient;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveSubscriptionIT extends RealtimeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Test
    void usesOneSubscriptionWhateverTheNumberOfSockets() throws Exception {
        try (LiveClient a = connect();
                LiveClient b = connect();
                LiveClient c = connect()) {
            await().atMost(DEADLINE).until(() -> sessions() == 3);

            assertEquals(1L, redis.sync().pubsubNumsub(keys.liveChannel()).get(keys.liveChannel()));
        }
    }

    @Test
    void forwardsAMessageWhoseIdItCannotReadAsItIs() throws Exception {
        try (LiveClient client = connect()) {
            await().atMost(DEADLINE).until(() -> sessions() >= 1);
            String odd = "{\"type\":\"notice\",\"data\":[1,2,3]}";

            new AlertPublisher(redis, keys, json).publishOnly(odd);

            await().atMost(DEADLINE).until(() -> client.texts().contains(odd));
        }
    }

    @Test
    void afterALostSubscriptionEveryPageIsToldToResyncAndLiveMessagesResume() throws Exception {
        try (LiveClient client = connect()) {
            await().atMost(DEADLINE).until(() -> sessions() >= 1);

            redis.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(subscriptionClientId()));

            await().atMost(DEADLINE)
                    .until(() -> !client.messages(json, "resync").isEmpty());
            AlertPublisher publisher = new AlertPublisher(redis, keys, json);
            String id = publisher.publish("after the reconnect").id();
            await().atMost(DEADLINE).until(() -> client.alertIds(json).contains(id));
        }
    }

    @Test
    void afterALostSubscriptionAReconnectingPageIsNotCaughtUpFromWhatWasReceivedBeforeTheLoss() throws Exception {
        AlertPublisher publisher = new AlertPublisher(redis, keys, json);
        try (LiveClient client = connect()) {
            await().atMost(DEADLINE).until(() -> sessions() >= 1);
            String seen = publisher.publish("received before the loss").id();
            String missed = publisher.publish("also received before the loss").id();
            await().atMost(DEADLINE).until(() -> client.alertIds(json).contains(missed));

            redis.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(subscriptionClientId()));
            await().atMost(DEADLINE)
                    .until(() -> !client.messages(json, "resync").isEmpty());
            // the stream has lost them too: a tail kept across the loss would still replay them, as if nothing was
            // missed
            redis.sync().del(keys.feed());

            try (LiveClient back = connect("/ws?since=" + seen)) {
                await().atMost(DEADLINE)
                        .until(() -> !back.messages(json, "resync").isEmpty());
                assertEquals(List.of(), back.alertIds(json));
            }
        }
    }

    /** The id of this service's subscription connection, which it names after the key prefix. */
    private long subscriptionClientId() {
        String name = "name=" + keys.prefix() + "realtime";
        List<String> line = Arrays.stream(redis.sync().clientList().split("\n"))
                .filter(l -> Arrays.asList(l.split(" ")).contains(name))
                .toList();
        assertEquals(1, line.size(), "one subscription connection");
        String id = Arrays.stream(line.get(0).split(" "))
                .filter(f -> f.startsWith("id="))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(id.substring(3));
    }

    private LiveClient connect() {
        return connect("/ws");
    }
}
