package dev.opscenter.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String KEY =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));

    @Test
    void roundTripsAndNeverStoresPlaintext() {
        SecretCipher cipher = SecretCipher.fromBase64Key(KEY);
        byte[] sealed = cipher.encrypt("whsec_top-secret");
        assertEquals("whsec_top-secret", cipher.decrypt(sealed));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("top-secret"));
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        SecretCipher cipher = SecretCipher.fromBase64Key(KEY);
        assertNotEquals(Arrays.toString(cipher.encrypt("x")), Arrays.toString(cipher.encrypt("x")));
    }

    @Test
    void alteredCiphertextFails() {
        SecretCipher cipher = SecretCipher.fromBase64Key(KEY);
        byte[] sealed = cipher.encrypt("secret");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed));
    }

    @Test
    void wrongKeyFails() {
        byte[] sealed = SecretCipher.fromBase64Key(KEY).encrypt("secret");
        assertThrows(
                IllegalStateException.class,
                () -> SecretCipher.fromBase64Key(OTHER_KEY).decrypt(sealed));
    }

    @Test
    void keyMustBe32Bytes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16])));
    }
}
