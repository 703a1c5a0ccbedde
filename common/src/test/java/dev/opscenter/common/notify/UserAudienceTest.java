package dev.opscenter.common.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserAudienceTest {

    @ParameterizedTest
    @ValueSource(strings = {"all", "role:admin", "role:operator", "role:viewer"})
    void storedValuesReadBackAsThemselves(String value) {
        assertEquals(value, UserAudience.parse(value).orElseThrow().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ALL", "role:", "role:root", "role:operator ", "operator", "users"})
    void anythingElseIsNoAudience(String value) {
        assertTrue(UserAudience.parse(value).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void aRoleAudienceNamesItsRoleAndAllNamesNone() {
        assertEquals(
                Optional.of("operator"),
                Optional.ofNullable(
                        UserAudience.parse("role:operator").orElseThrow().role()));
        assertEquals(null, UserAudience.parse("all").orElseThrow().role());
    }
}
