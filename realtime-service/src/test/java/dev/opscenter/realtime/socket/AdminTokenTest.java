package dev.opscenter.realtime.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminTokenTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "dev-admin-token", "anything"})
    void aBlankConfiguredTokenAdmitsNobody(String presented) {
        assertFalse(new AdminToken("").admits(presented));
        assertFalse(new AdminToken("   ").admits(presented));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "s3cret-token-", "s3cret-toke", "S3CRET-TOKEN", " s3cret-token"})
    void refusesAnythingButTheConfiguredToken(String presented) {
        assertFalse(new AdminToken("s3cret-token").admits(presented));
    }

    @Test
    void admitsTheConfiguredToken() {
        assertTrue(new AdminToken("s3cret-token").admits("s3cret-token"));
    }
}
