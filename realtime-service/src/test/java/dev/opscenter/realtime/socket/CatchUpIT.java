package dev.opscenter.realtime.socket;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.realtime.AlertPublisher;
import dev.opscenter.realtime.AlertPublisher.Published;
import dev.opscenter.realtime.LiveClient;
import dev.opscenter.realtime.RealtimeIT;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A client reconnecting with {@code since} gets what it missed, then live messages, with no gap and no duplicate. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "opscenter.realtime.catch-up-limit", value = CatchUpIT.LIMIT_TEXT)
class CatchUpIT extends RealtimeIT {
    static final String LIMIT_TEXT = "500";
    private static final int LIMIT = Integer.parseInt(LIMIT_TEXT);
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private AlertPublisher publisher;

    @BeforeEach
    void freshFeed() {
        redis.sync().del(keys.feed());
        publisher = new AlertPublisher(redis, keys, json);
    }

    @Test
    void clientWithSinceReceivesMissedEntriesThenLiveOnes() {
        Published seen = publisher.publish("seen before the reconnect");
        Published missed1 = publisher.publish("missed 1");
        Published missed2 = publisher.publish("missed 2");

        LiveClient client = connect("/ws?since=" + seen.id());
        await().atMost(DEADLINE).until(() -> client.alertIds(json).size() == 2);
        Published live = publisher.publish("live");

        await().atMost(DEADLINE).until(() -> client.alertIds(json).size() == 3);
        assertEquals(List.of(missed1.id(), missed2.id(), live.id()), client.alertIds(json));
        assertEquals(List.of(missed1.json(), missed2.json(), live.json()), alertTexts(client));
    }

    @Test
    void catchUpRacingLivePublishingHasNoGapAndNoDuplicate() throws Exception {
        Published since = publisher.publish("last seen");
        List<String> expected = new ArrayList<>();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 400; i++) {
                expected.add(publisher.publish("burst " + i).id());
            }
        });
        // connects while the burst is being published, so some arrive by catch-up and some live
        await().atMost(DEADLINE).until(() -> redis.sync().xlen(keys.feed()) > 20);
        LiveClient client = connect("/ws?since=" + since.id());
        publishing.get();

        await().atMost(DEADLINE).until(() -> client.alertIds(json).size() >= expected.size());
        assertEquals(expected, client.alertIds(json));
    }

    @Test
    void clientThatMissedMoreThanTheLimitIsToldToResync() {
        Published since = publisher.publish("last seen");
        for (int i = 0; i <= LIMIT; i++) {
            publisher.publish("missed " + i);
        }

        LiveClient client = connect("/ws?since=" + since.id());
        await().atMost(DEADLINE).until(() -> !client.messages(json, "resync").isEmpty());
        Published live = publisher.publish("after the resync");

        await().atMost(DEADLINE).until(() -> client.alertIds(json).contains(live.id()));
        assertEquals(List.of(live.id()), client.alertIds(json), "nothing of the catch-up, then live");
    }

    @Test
    void clientAwayLongerThanTheInstanceListenedIsCaughtUpFromTheFeedStream() {
        // entries this instance never received live, as if written before it subscribed
        Published seen = publisher.appendOnly("seen before the reconnect");
        Published missed = publisher.appendOnly("missed while this instance was not listening");

        LiveClient client = connect("/ws?since=" + seen.id());

        await().atMost(DEADLINE).until(() -> client.alertIds(json).size() == 1);
        assertEquals(List.of(missed.json()), alertTexts(client));
    }

    @Test
    void clientAwayBrieflyIsCaughtUpFromWhatTheInstanceReceivedLive() {
        Published seen = publisher.publish("seen before the reconnect");
        Published missed = publisher.publish("missed");
        LiveClient listening = connect("/ws");
        Published last = publisher.publish("received live by the instance");
        await().atMost(DEADLINE).until(() -> listening.alertIds(json).contains(last.id()));
        // the stream no longer holds them: only the instance's own tail can catch the client up
        redis.sync().del(keys.feed());

        LiveClient client = connect("/ws?since=" + seen.id());

        await().atMost(DEADLINE).until(() -> client.alertIds(json).size() == 2);
        assertEquals(List.of(missed.json(), last.json()), alertTexts(client));
        assertEquals(List.of(), client.messages(json, "resync"));
    }

    @Test
    void clientWhoseSinceIsNoLongerInTheFeedIsToldToResync() {
        publisher.publish("only entry");

        LiveClient client = connect("/ws?since=1-0");

        await().atMost(DEADLINE).until(() -> !client.messages(json, "resync").isEmpty());
        assertEquals(List.of(), client.alertIds(json));
    }
}
