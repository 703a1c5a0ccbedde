package dev.opscenter.common.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.annotation.Introspected;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsTest {

    @Introspected
    private record Hidden(long id) {}

    record NotIntrospected(long id) {}

    @Introspected
    record Unmappable(Map<String, Object> settings) {}

    @Test
    void aPrivateRecordIsRefusedWhenItsMapperIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rows.of(Hidden.class));
        assertTrue(e.getMessage().contains("package-private"), e.getMessage());
    }

    @Test
    void aRecordWithoutIntrospectionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rows.of(NotIntrospected.class));
        assertTrue(e.getMessage().contains("@Introspected"), e.getMessage());
    }

    @Test
    void aComponentNoColumnConvertsToIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rows.of(Unmappable.class));
        assertTrue(e.getMessage().contains("Unmappable.settings"), e.getMessage());
    }
}
