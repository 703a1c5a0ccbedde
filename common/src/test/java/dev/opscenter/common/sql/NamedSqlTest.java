package dev.opscenter.common.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void replacesEachNameWithAMarkerInOrder() {
        NamedSql sql = NamedSql.parse("UPDATE t SET name = :name WHERE id = :id AND owner = :owner_id");

        assertEquals("UPDATE t SET name = ? WHERE id = ? AND owner = ?", sql.jdbc());
        assertEquals(List.of("name", "id", "owner_id"), sql.names());
    }

    @Test
    void aRepeatedNameBindsEveryMarker() {
        NamedSql sql = NamedSql.parse("SELECT 1 WHERE :t = 'a' OR :t = 'b'");

        assertEquals(List.of("t", "t"), sql.names());
    }

    @Test
    void leavesCastsAlone() {
        NamedSql sql = NamedSql.parse("SELECT payload::text, CAST(:meta AS jsonb), :since::timestamptz FROM e");

        assertEquals("SELECT payload::text, CAST(? AS jsonb), ?::timestamptz FROM e", sql.jdbc());
        assertEquals(List.of("meta", "since"), sql.names());
    }

    @Test
    void leavesQuotedTextAndCommentsAlone() {
        String text = "SELECT ':a', 'it''s :b', \":c\" -- :d\n /* :e */ FROM t WHERE x = :f";

        NamedSql sql = NamedSql.parse(text);

        assertEquals(text.replace(":f", "?"), sql.jdbc());
        assertEquals(List.of("f"), sql.names());
    }

    @Test
    void refusesPositionalMarkers() {
        assertThrows(IllegalArgumentException.class, () -> NamedSql.parse("SELECT * FROM t WHERE id = ?"));
    }

    @Test
    void allowsAQuestionMarkInsideText() {
        assertEquals(List.of(), NamedSql.parse("SELECT 'why?'").names());
    }

    @Test
    void refusesAnUnterminatedLiteral() {
        assertThrows(IllegalArgumentException.class, () -> NamedSql.parse("SELECT 'open"));
    }

    @Test
    void turnsComponentNamesIntoColumnNames() {
        assertEquals("created_at", Rows.snakeCase("createdAt"));
        assertEquals("id", Rows.snakeCase("id"));
        assertEquals("last_error_at", Rows.snakeCase("lastErrorAt"));
    }
}
