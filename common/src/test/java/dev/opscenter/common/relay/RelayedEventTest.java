package dev.opscenter.common.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelayedEventTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Instant RECEIVED = Instant.parse("2026-12-02T10:15:30.123456Z");

    @Test
    void bodyCarriesThePayloadAsStoredAfterTheEventFields() {
        String payload = "{\"b\": 2,  \"a\": [1, 2]}";
        RelayedEvent event = new RelayedEvent(42, "evt_1", "order.paid", "shop", RECEIVED, payload);
        assertEquals(
                "{\"id\":42,\"event_id\":\"evt_1\",\"type\":\"order.paid\",\"source\":\"shop\","
                        + "\"received_at\":\"2026-12-02T10:15:30.123456Z\",\"payload\":{\"b\": 2,  \"a\": [1, 2]}}",
                new String(event.body(JSON), StandardCharsets.UTF_8));
    }

    @Test
    void missingValuesAreNullAndTextIsEscaped() {
        RelayedEvent event = new RelayedEvent(1, null, null, "a\"b", RECEIVED, null);
        assertEquals(
                "{\"id\":1,\"event_id\":null,\"type\":null,\"source\":\"a\\\"b\","
                        + "\"received_at\":\"2026-12-02T10:15:30.123456Z\",\"payload\":null}",
                new String(event.body(JSON), StandardCharsets.UTF_8));
    }
}
