package dev.opscenter.common.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.StandardWebhooks;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevSecretsTest {
    private final DevSecrets dev = DevSecrets.load();

    @Test
    void definesOneSecretPerSourceKindIngressSeeds() {
        assertEquals(
                Set.of("github", "stripe", "standard", "generic"),
                dev.sourceSecrets().keySet());
    }

    @Test
    void secretKeyIsAUsableAes256Key() {
        assertEquals(SecretRules.KEY_BYTES, Base64.getDecoder().decode(dev.secretKey()).length);
    }

    @Test
    void standardSecretDecodesToAKeyOfTheLengthTheSpecAllows() {
        // Standard Webhooks: whsec_ + base64 of 24 to 64 random bytes
        int bytes = StandardWebhooks.secretKey(dev.sourceSecret("standard")).length;
        assertTrue(bytes >= 24 && bytes <= 64, bytes + " bytes");
    }

    @Test
    void unknownSourceKindIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> dev.sourceSecret("gitlab"));
    }
}
