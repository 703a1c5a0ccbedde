package dev.opscenter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FanoutOptionsTest {

    @Test
    void defaultsTargetTheLocalDevStackWithTenThousandRecipients() {
        FanoutOptions o = FanoutOptions.parse(new String[0]);
        assertEquals(URI.create("http://127.0.0.1:8080"), o.url());
        assertEquals(URI.create("http://127.0.0.1:9082"), o.worker());
        assertEquals(10_000, o.recipients());
        assertEquals(Duration.ofMillis(250), o.sampleEvery());
    }

    @Test
    void parsesGivenValues() {
        FanoutOptions o = FanoutOptions.parse(
                new String[] {"--worker", "http://localhost:28082/", "--recipients", "500", "--batch", "100"});
        assertEquals(URI.create("http://localhost:28082"), o.worker());
        assertEquals(500, o.recipients());
        assertEquals(100, o.batch());
    }

    @Test
    void refusesNonLoopbackWorker() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FanoutOptions.parse(new String[] {"--worker", "http://10.1.2.3:8082"}));
    }

    @Test
    void boundsCountBatchAndTime() {
        assertThrows(
                IllegalArgumentException.class, () -> FanoutOptions.parse(new String[] {"--recipients", "1000000"}));
        assertThrows(IllegalArgumentException.class, () -> FanoutOptions.parse(new String[] {"--batch", "20000"}));
        assertThrows(
                IllegalArgumentException.class, () -> FanoutOptions.parse(new String[] {"--timeout-seconds", "0"}));
    }

    @Test
    void rejectsUnknownArgument() {
        assertThrows(IllegalArgumentException.class, () -> FanoutOptions.parse(new String[] {"--recipient", "5"}));
    }
}
