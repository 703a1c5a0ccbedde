package dev.opscenter.common.testing;

/** Causes reads a failure the way an operator reads a start-up log: every message down the cause chain. */
public final class Causes {
    private Causes() {}

    /** The messages of the failure and all its causes, joined with " / ". */
    public static String messages(Throwable failure) {
        StringBuilder why = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            why.append(t.getMessage()).append(" / ");
        }
        return why.toString();
    }
}
