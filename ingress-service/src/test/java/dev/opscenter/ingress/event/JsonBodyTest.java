package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {
    private static JsonBody read(String json) throws IOException {
        return JsonBody.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTopLevelStringsThatNameAnEventAreRead() throws IOException {
        JsonBody body = read("""
                {"id": "evt_1", "data": {"type": "nested", "id": 7, "list": [1, {"event": "x"}]},
                 "type": "charge.failed", "event": 3}""");
        assertEquals("evt_1", body.text("id"));
        assertEquals("charge.failed", body.text("type"), "a nested field of the same name is not read");
        assertNull(body.text("event"), "not a string");
        assertNull(body.text("data"), "only the naming fields are kept");
    }

    @Test
    void aRepeatedKeyCountsItsLastValue() throws IOException {
        assertEquals("b", read("{\"type\":\"a\",\"type\":\"b\"}").text("type"));
        assertNull(read("{\"type\":\"a\",\"type\":{}}").text("type"));
    }

    @Test
    void anyOtherJsonValueIsABodyWithNoNames() throws IOException {
        assertNull(read("[\"type\", \"x\"]").text("type"));
        assertNull(read(" \"type\" ").text("type"));
        assertNull(read("42").text("id"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "{\"a\":1", "{'a':1}", "{\"a\":1,}", "NaN"
            })
    void aBodyThatIsNotExactlyOneJsonValueIsRefused(String json) {
        assertThrows(IOException.class, () -> read(json));
    }
}
