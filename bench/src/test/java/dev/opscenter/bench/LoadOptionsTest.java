package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.opscenter.common.startup.DevSecrets;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsTargetTheLocalDevStack() {
        LoadOptions o = LoadOptions.parse(new String[0]);
        assertEquals(URI.create("http://127.0.0.1:8080/api/webhooks/github"), o.webhookUri());
        assertEquals(Optional.of(URI.create("ws://127.0.0.1:8081/ws")), o.ws());
        assertEquals("Bearer " + DevSecrets.load().adminToken(), o.socketAuthorization());
        assertEquals(DevSecrets.load().sourceSecret("github"), o.secret());
        assertEquals(8, o.concurrency());
        assertEquals(Duration.ofSeconds(10), o.duration());
    }

    @Test
    void parsesGivenValues() {
        LoadOptions o = LoadOptions.parse(new String[] {
            "--url", "http://localhost:9090/", "--concurrency", "4", "--seconds", "3", "--token", "a b"
        });
        assertEquals(URI.create("http://localhost:9090/api/webhooks/github"), o.webhookUri());
        assertEquals(4, o.concurrency());
        assertEquals("Bearer a b", o.socketAuthorization(), "the token goes in a header, never in the socket's URL");
        assertEquals(Optional.of(URI.create("ws://127.0.0.1:8081/ws")), o.ws());
    }

    @Test
    void openLoopRateAndBacklogSampling() {
        LoadOptions o = LoadOptions.parse(new String[] {"--rate", "500", "--database", "none", "--body-bytes", "0"});
        assertEquals(500, o.rate());
        assertEquals(Optional.empty(), o.database());
        assertEquals(0, o.bodyBytes());
        assertEquals(0, LoadOptions.parse(new String[0]).rate(), "closed loop by default");
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LoadOptions.parse(new String[] {"--rate", "-1"}));
    }

    @Test
    void warmUpIsAnOpenLoopBeforeTheMeasuredOne() {
        assertEquals(Duration.ZERO, LoadOptions.parse(new String[0]).warmup(), "no warm-up unless asked");
        assertEquals(
                Duration.ofSeconds(10),
                LoadOptions.parse(new String[] {"--rate", "500", "--warmup-seconds", "10"})
                        .warmup());
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--warmup-seconds", "10"}),
                "a closed loop has no rate to warm up at");
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--rate", "5", "--warmup-seconds", "-1"}));
    }

    @Test
    void wsNoneMeasuresIngressAlone() {
        assertEquals(
                Optional.empty(),
                LoadOptions.parse(new String[] {"--ws", "none"}).ws());
    }

    @Test
    void refusesNonLoopbackTarget() {
        assertThrows(
                IllegalArgumentException.class,
                () -> LoadOptions.parse(new String[] {"--url", "http://10.1.2.3:8080"}));
    }

    @Test
    void rejectsUnknownArgument() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[] {"--concurency", "8"}));
    }

    @Test
    void boundsTheRunLength() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[] {"--seconds", "3600"}));
    }
}
