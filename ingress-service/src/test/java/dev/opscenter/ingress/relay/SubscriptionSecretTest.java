package dev.opscenter.ingress.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.opscenter.common.relay.RelaySignatures;
import dev.opscenter.ingress.api.FieldErrors;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which signing secrets a client may give a subscription: whsec_ and the standard base64 of 24 to 64 bytes. */
class SubscriptionSecretTest {
    private static String whsec(int bytes) {
        return "whsec_" + Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({"23, false", "24, true", "32, true", "64, true", "65, false", "0, false"})
    void lengthIsBounded(int bytes, boolean valid) {
        assertEquals(valid, valid(whsec(bytes)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "c2VjcmV0LXdpdGhvdXQtdGhlLXByZWZpeC0zMmJ5dGVz", // base64 of 33 bytes, no prefix
        "whsec_not base64 at all, but long enough to be 24 bytes",
        "whsec_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-", // URL-safe alphabet
        "WHSEC_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    })
    void otherFormsAreRefused(String secret) {
        assertEquals(false, valid(secret));
    }

    @Test
    void generatedSecretIsValid() {
        assertEquals(true, valid(RelaySignatures.newSecret()));
    }

    private static boolean valid(String secret) {
        FieldErrors errors = new FieldErrors();
        SubscriptionRules.secret("secret", secret, errors);
        return errors.isEmpty();
    }
}
