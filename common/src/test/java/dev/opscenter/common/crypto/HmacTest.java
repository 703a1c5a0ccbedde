package dev.opscenter.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The published vectors (RFC 4231 case 2, RFC 2202 case 2), through the per-thread instances reused across keys. */
class HmacTest {
    private static final byte[] JEFE = bytes("Jefe");
    private static final String MESSAGE = "what do ya want for nothing?";
    private static final String SHA256_JEFE = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    private static final String SHA512_JEFE = "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";
    private static final String MD5_JEFE = "750c783e6ab0b503eaa86e310a5db738";

    @Test
    void matchesThePublishedVectors() {
        assertEquals(SHA256_JEFE, Hmac.SHA256.hex(JEFE, bytes(MESSAGE)));
        assertEquals(SHA512_JEFE, Hmac.SHA512.hex(JEFE, bytes(MESSAGE)));
        assertEquals(MD5_JEFE, Hmac.MD5.hex(JEFE, bytes(MESSAGE)));
    }

    @Test
    void macsTheConcatenationOfItsParts() {
        assertEquals(SHA256_JEFE, Hmac.SHA256.hex(JEFE, bytes("what do ya "), bytes(""), bytes("want for nothing?")));
    }

    @Test
    void aReusedInstanceTakesEachCallsKeyAndStartsClean() {
        String other = Hmac.SHA256.hex(bytes("another key"), bytes(MESSAGE));

        assertEquals(SHA256_JEFE, Hmac.SHA256.hex(JEFE, bytes(MESSAGE)));
        assertEquals(other, Hmac.SHA256.hex(bytes("another key"), bytes(MESSAGE)));
        assertEquals(SHA256_JEFE, Hmac.SHA256.hex(JEFE, bytes(MESSAGE)));
        assertEquals(64, other.length());
    }

    @Test
    void anEmptyKeyIsRefusedAndTheNextCallWorks() {
        assertThrows(IllegalArgumentException.class, () -> Hmac.SHA256.mac(new byte[0], bytes(MESSAGE)));

        assertEquals(SHA256_JEFE, Hmac.SHA256.hex(JEFE, bytes(MESSAGE)));
    }

    @Test
    void threadsDoNotShareAnInstance() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                byte[] key = bytes("key " + t);
                String expected = Hmac.SHA256.hex(key, bytes(MESSAGE));
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!expected.equals(Hmac.SHA256.hex(key, bytes(MESSAGE)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertEquals(true, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
