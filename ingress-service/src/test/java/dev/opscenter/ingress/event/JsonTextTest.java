package dev.opscenter.ingress.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    private static boolean storable(String json) {
        return JsonText.storable(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEscapedNulInAStringOrAKeyIsRefused() {
        assertFalse(storable("{\"zen\":\"a\\u0000b\"}"));
        assertFalse(storable("{\"a\\u0000\":1}"));
        assertFalse(storable("[\"\\\\\\u0000\"]"), "an escaped backslash, then the escape");
        assertFalse(storable("\"\\u0000\""), "at the very end");
    }

    @Test
    void otherEscapesAndLookAlikesAreStorable() {
        assertTrue(storable("{\"zen\":\"a\\\\u0000b\"}"), "an escaped backslash followed by the text u0000");
        assertTrue(storable("{\"zen\":\"\\u0001 \\u00e9 \\n u0000 é ✓\"}"));
        assertTrue(storable("{\"zen\":\"\\u000\"}"), "too short to be one");
        assertTrue(storable("{}"));
        assertTrue(storable("\\"));
    }

    @Test
    void textThatIsNotPlainUtf8IsRefused() {
        assertFalse(storable("\uFEFF{}"), "a UTF-8 byte order mark");
        assertFalse(JsonText.storable("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE)), "UTF-16 has zero bytes");
        assertFalse(JsonText.storable("{\"a\":1}".getBytes(StandardCharsets.UTF_16)), "with its byte order mark");
        assertFalse(JsonText.storable(new byte[] {'{', '}', 0}));
    }
}
