package dev.opscenter.ingress.alert;

import dev.opscenter.common.alert.AlertMessage;
import dev.opscenter.common.sql.Params;
import dev.opscenter.ingress.audit.Action;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Triage is a move of an alert through its states, open → acknowledged → resolved, with who and when; each is one
 * conditional UPDATE, so concurrent moves by two operators serialise on the row and the second finds it done.
 */
enum Triage {
    /** open → acknowledged; an acknowledged alert stays as it is; a resolved one must be reopened first. */
    ACKNOWLEDGE("""
            UPDATE alerts SET state = 'acknowledged', acknowledged_at = :at, acknowledged_by = :actor
             WHERE id = :id AND state = 'open'"""),
    /** open or acknowledged → resolved (keeping who acknowledged it). */
    RESOLVE("""
            UPDATE alerts SET state = 'resolved', resolved_at = :at, resolved_by = :actor
             WHERE id = :id AND state <> 'resolved'"""),
    /** acknowledged or resolved → open, forgetting both; who reopened it is kept in the audit log. */
    REOPEN("""
            UPDATE alerts SET state = 'open', acknowledged_at = NULL, acknowledged_by = NULL, resolved_at = NULL,
                              resolved_by = NULL
             WHERE id = :id AND state <> 'open'""");

    private final String sql;

    Triage(String sql) {
        this.sql = sql;
    }

    String sql() {
        return sql;
    }

    /** The statement's values: reopening records no one. */
    Params params(long id, String actor, Instant at) {
        Params params = Params.of("id", id);
        return this == REOPEN ? params : params.and("actor", actor).and("at", at);
    }

    /** How the audit log names this move. */
    Action action() {
        return switch (this) {
            case ACKNOWLEDGE -> Action.ACKNOWLEDGED;
            case RESOLVE -> Action.RESOLVED;
            case REOPEN -> Action.REOPENED;
        };
    }

    /** What the audit log keeps of an alert before and after a move: its triage, not its payload-derived text. */
    static Map<String, Object> audited(AlertMessage alert) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", alert.state());
        view.put("severity", alert.severity());
        view.put("acknowledgedBy", alert.acknowledgedBy());
        view.put("acknowledgedAt", alert.acknowledgedAt());
        view.put("resolvedBy", alert.resolvedBy());
        view.put("resolvedAt", alert.resolvedAt());
        return view;
    }

    /** Whether an alert in {@code state} that this move left unchanged is where the move leads (not a conflict). */
    boolean arrived(String state) {
        return switch (this) {
            case ACKNOWLEDGE -> state.equals("acknowledged");
            case RESOLVE -> state.equals("resolved");
            case REOPEN -> state.equals("open");
        };
    }
}
