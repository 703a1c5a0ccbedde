package dev.opscenter.common.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.signature.Headers;
import dev.opscenter.common.signature.StandardWebhooks;
import dev.opscenter.common.signature.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RelaySignaturesTest {
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private static final byte[] BODY = "{\"id\":1,\"type\":\"order.created\"}".getBytes(StandardCharsets.UTF_8);

    private static void assertVerifies(String secret, Map<String, String> headers) {
        Headers view = name -> headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
        Verification result = StandardWebhooks.verify(secret, BODY, view, AT, Duration.ofMinutes(5));
        assertInstanceOf(Verification.Verified.class, result, result.toString());
    }

    @Test
    void aNewSecretIsAStandardWebhooksSecretOf24Bytes() {
        String secret = RelaySignatures.newSecret();

        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(24, StandardWebhooks.secretKey(secret).length);
        assertNotEquals(secret, RelaySignatures.newSecret());
    }

    @Test
    void theStandardSignatureVerifiesWithTheSecret() {
        String secret = RelaySignatures.newSecret();

        Map<String, String> headers = RelaySignatures.headers("dlv_7", AT, BODY, secret, null, "X-OpsCenter-Signature");

        assertVerifies(secret, headers);
        assertEquals("dlv_7", headers.get("webhook-id"));
        assertEquals(Long.toString(AT.getEpochSecond()), headers.get("webhook-timestamp"));
    }

    @Test
    void thePlainSignatureIsTheBodyHmacKeyedWithTheSecretText() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        Map<String, String> headers = RelaySignatures.headers("dlv_7", AT, BODY, secret, null, "x-algohire-signature");

        assertEquals(Base64.getEncoder().encodeToString(mac.doFinal(BODY)), headers.get("x-algohire-signature"));
        assertFalse(headers.containsKey("x-algohire-signature" + RelaySignatures.PREVIOUS_SUFFIX));
    }

    @Test
    void duringARotationBothSecretsVerify() {
        String old = RelaySignatures.newSecret();
        String current = RelaySignatures.newSecret();

        Map<String, String> headers = RelaySignatures.headers("dlv_7", AT, BODY, current, old, "X-OpsCenter-Signature");

        for (String secret : new String[] {old, current}) {
            assertVerifies(secret, headers);
        }
        assertEquals(RelaySignatures.plain(current, BODY), headers.get("X-OpsCenter-Signature"));
        assertEquals(RelaySignatures.plain(old, BODY), headers.get("X-OpsCenter-Signature-Previous"));
    }
}
