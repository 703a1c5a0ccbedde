package dev.opscenter.common.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRulesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                                          | OPSCENTER_ADMIN_TOKEN is not set",
                "''                                            | OPSCENTER_ADMIN_TOKEN is not set",
                "'   '                                         | OPSCENTER_ADMIN_TOKEN is not set",
                "REPLACE_ME                                    | OPSCENTER_ADMIN_TOKEN is the documented development token",
                "0123456789abcdef0123456789abcde               | OPSCENTER_ADMIN_TOKEN is shorter than 32 characters",
            })
    void refusesWeakAdminTokens(String token, String problem) {
        assertEquals(Optional.of(problem), SecretRules.adminTokenProblem(token));
    }

    @Test
    void refusesTheDevAdminToken() {
        assertEquals(
                Optional.of("OPSCENTER_ADMIN_TOKEN is the documented development token"),
                SecretRules.adminTokenProblem(DevSecrets.load().adminToken()));
    }

    @Test
    void refusesTheDevSecretKey() {
        assertEquals(
                Optional.of("OPSCENTER_SECRET_KEY is the documented development key"),
                SecretRules.secretKeyProblem(DevSecrets.load().secretKey()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef0123456789abcdef", "q3Jx0c0M6v8mZ0f3c2Yb9Vw1nq+u3H0JQ1kVv1u7w8E="})
    void acceptsLongRandomAdminTokens(String token) {
        assertEquals(Optional.empty(), SecretRules.adminTokenProblem(token));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                                          | OPSCENTER_SECRET_KEY is not set",
                "''                                            | OPSCENTER_SECRET_KEY is not set",
                "REPLACE_ME                                    | OPSCENTER_SECRET_KEY is not base64",
                "c2hvcnQta2V5                                  | OPSCENTER_SECRET_KEY decodes to 9 bytes, not 32",
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g  | OPSCENTER_SECRET_KEY decodes to 33 bytes, not 32",
            })
    void refusesDevAndMalformedSecretKeys(String key, String problem) {
        assertEquals(Optional.of(problem), SecretRules.secretKeyProblem(key));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", " b3BzY2VudGVyLXRlc3Qta2V5LTAxMjM0NTY3ODlhYmM= "
            })
    void acceptsAnyOther32ByteKey(String key) {
        assertEquals(Optional.empty(), SecretRules.secretKeyProblem(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPLACE_ME", "short-secret-token"})
    void aTokenProblemNeverQuotesTheToken(String token) {
        String problem = SecretRules.adminTokenProblem(token).orElseThrow();
        assertFalse(problem.contains(token), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2hvcnQta2V5", "not base64!"})
    void aKeyProblemNeverQuotesTheKey(String key) {
        String problem = SecretRules.secretKeyProblem(key).orElseThrow();
        assertFalse(problem.contains(key), problem);
    }
}
