package dev.opscenter.worker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures to finish events are one event's fault (it fails alone) and which are the batch's (it stays pending). */
class BlameTest {

    private static RuntimeException failedStatement(String sqlState) {
        return new DataAccessException("SQL failed (" + sqlState + ")", new SQLException("ERROR", sqlState));
    }

    @ParameterizedTest(name = "SQLSTATE {0} is {1}")
    @CsvSource({
        "22P05, EVENT", // unsupported Unicode escape in a value
        "22001, EVENT", // value too long
        "23514, EVENT", // check constraint
        "23503, EVENT", // foreign key
        "54000, EVENT", // a value too large for an index row
        "08006, INFRASTRUCTURE", // connection failure
        "57P01, INFRASTRUCTURE", // administrator shutdown
        "53300, INFRASTRUCTURE", // too many connections
        "42P01, INFRASTRUCTURE", // a statement naming a table that is not there: every event would fail
        "40P01, INFRASTRUCTURE", // deadlock lost (run again, not an event's fault)
        "XX000, INFRASTRUCTURE"
    })
    void failedStatementIsBlamedByItsSqlStateClass(String sqlState, Blame expected) {
        assertEquals(expected, Blame.of(failedStatement(sqlState)));
    }

    @Test
    void codeFailingWithoutAStatementIsTheEventsData() {
        assertEquals(Blame.EVENT, Blame.of(new IllegalStateException("stored payload is not JSON")));
        assertEquals(Blame.EVENT, Blame.of(new StackOverflowError()));
    }

    @Test
    void noConnectionIsInfrastructure() {
        assertEquals(
                Blame.INFRASTRUCTURE,
                Blame.of(new CannotCreateTransactionException(
                        "no connection",
                        new SQLTransientConnectionException(
                                "Connection is not available, request timed out after 3000ms."))));
        assertEquals(
                Blame.INFRASTRUCTURE,
                Blame.of(new DataAccessException("pool", new SQLTransientConnectionException("timeout"))));
    }

    @Test
    @SuppressWarnings("removal")
    void threadToldToStopIsNotAnEventsFault() {
        assertEquals(Blame.INFRASTRUCTURE, Blame.of(new ThreadDeath()));
    }

    @Test
    void onlyTransactionRollbacksAreLostRaces() {
        assertTrue(Blame.lostRace(failedStatement("40P01")));
        assertTrue(Blame.lostRace(failedStatement("40001")));
        assertFalse(Blame.lostRace(failedStatement("23505")));
        assertFalse(Blame.lostRace(new IllegalStateException()));
    }
}
