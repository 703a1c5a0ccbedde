package dev.opscenter.worker.alert;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.transaction.exceptions.TransactionException;
import java.sql.SQLException;

/**
 * Blame says whose fault a failure to finish events is. An event's own data (a value or constraint PostgreSQL refused,
 * or our code failing on what the event holds) is that event's failure: retried with backoff, then parked, while the
 * others of its batch go on. Anything else — PostgreSQL unreachable, shutting down, out of resources, a bug in a
 * statement — is nobody's data: the batch throws and its entries stay pending for a later claim.
 */
enum Blame {
    /** The event's data: fail that event alone. */
    EVENT,
    /** The database or the code around it: fail the batch, leave it pending. */
    INFRASTRUCTURE;

    /**
     * SQLSTATE classes of errors a row's values cause: data exception (22), integrity constraint violation (23),
     * program limit exceeded (54: a value too large for a row or an index).
     */
    private static final String DATA_EXCEPTION = "22";

    private static final String CONSTRAINT_VIOLATION = "23";
    private static final String LIMIT_EXCEEDED = "54";
    /** Transaction rollback (40): deadlock or serialization failure; running it again normally succeeds. */
    private static final String TRANSACTION_ROLLBACK = "40";

    /** Whose fault {@code failure} is. */
    @SuppressWarnings("removal")
    static Blame of(Throwable failure) {
        if (failure instanceof ThreadDeath) {
            return INFRASTRUCTURE; // a thread told to stop must stop
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransactionException || t instanceof ConnectionException) {
                return INFRASTRUCTURE; // no connection, or a commit or rollback that failed
            }
        }
        String state = sqlState(failure);
        if (state == null) {
            return EVENT; // no statement failed: our code met this event's data (an Error included)
        }
        return state.startsWith(DATA_EXCEPTION)
                        || state.startsWith(CONSTRAINT_VIOLATION)
                        || state.startsWith(LIMIT_EXCEEDED)
                ? EVENT
                : INFRASTRUCTURE;
    }

    /** Whether a statement failed because it lost a deadlock or serialization race to another transaction. */
    static boolean lostRace(Throwable failure) {
        String state = sqlState(failure);
        return state != null && state.startsWith(TRANSACTION_ROLLBACK);
    }

    /** The SQLSTATE of the first SQLException among the causes; "" for one without; null when there is none. */
    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState() == null ? "" : sql.getSQLState();
            }
        }
        return null;
    }
}
