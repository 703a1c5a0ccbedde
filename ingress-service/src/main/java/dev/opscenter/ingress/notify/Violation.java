package dev.opscenter.ingress.notify;

import java.sql.SQLException;

/**
 * Violation names the PostgreSQL constraint failures the API turns into answers: a taken name is 409, a row still
 * referenced elsewhere cannot be deleted (409). Letting the constraint decide avoids check-then-write races.
 */
public enum Violation {
    UNIQUE("23505"),
    FOREIGN_KEY("23503");

    private final String sqlState;

    Violation(String sqlState) {
        this.sqlState = sqlState;
    }

    /** True if this constraint failure caused the exception. */
    public boolean causedIt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
