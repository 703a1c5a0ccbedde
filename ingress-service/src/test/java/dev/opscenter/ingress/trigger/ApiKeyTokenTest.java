package dev.opscenter.ingress.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key format, prefix and hash of API keys. */
class ApiKeyTokenTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void generatedKeyIsOkAnd43Base64UrlCharactersOf32Bytes() {
        String key = ApiKeyToken.generate(random).value();
        assertTrue(key.matches("ok_[A-Za-z0-9_-]{43}"), key);
        assertEquals(32, Base64.getUrlDecoder().decode(key.substring(3)).length);
    }

    @Test
    void prefixIsOkAndTheNextEightCharacters() {
        ApiKeyToken token = ApiKeyToken.generate(random);
        assertEquals(11, token.prefix().length());
        assertTrue(token.value().startsWith(token.prefix()));
    }

    @Test
    void hashIsSha256OfTheKeyText() {
        // fixed vector (sha256sum of the same text), so a change of algorithm or encoding cannot pass unnoticed
        ApiKeyToken token = new ApiKeyToken("ok_" + "A".repeat(43));
        assertEquals(
                "3e4c57bcab3df7e603cc6dd07f89483ea495d6f6ef5dab6ab71effe651d6cec7",
                HexFormat.of().formatHex(token.hash()));
    }

    @Test
    void everyKeyIsDifferent() {
        assertNotEquals(
                ApiKeyToken.generate(random).value(),
                ApiKeyToken.generate(random).value());
    }

    @Test
    void toStringNeverShowsTheKey() {
        ApiKeyToken token = ApiKeyToken.generate(random);
        assertFalse(token.toString().contains(token.value()));
    }

    @Test
    void bearerHeaderCarriesTheKey() {
        ApiKeyToken token = ApiKeyToken.generate(random);
        assertEquals(
                token, ApiKeyToken.fromAuthorization("Bearer " + token.value()).orElseThrow());
        assertEquals(
                token,
                ApiKeyToken.fromAuthorization("bearer " + token.value() + " ").orElseThrow());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "Bearer",
                "Bearer dev-admin-token",
                "Basic b2s6",
                "ok_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "Bearer ok_short",
                "Bearer ok_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "Bearer xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void anythingElseCarriesNoKey(String header) {
        assertTrue(ApiKeyToken.fromAuthorization(header).isEmpty(), header);
    }
}
