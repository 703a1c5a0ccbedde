package dev.opscenter.ingress.notify.template;

import dev.opscenter.common.problem.ProblemException;

/** TemplateRules validates template text; each failure is a 422 naming its field. */
final class TemplateRules {
    private static final int MAX_SUBJECT = 1_000;
    private static final int MAX_BODY = 100_000;

    private TemplateRules() {
    }

    /** The subject, or null when absent or blank. */
    static String subject(String subject) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        if (subject.length() > MAX_SUBJECT) {
            throw ProblemException.invalid("subject", "at most " + MAX_SUBJECT + " characters");
        }
        return subject;
    }

    static String body(String body) {
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            throw ProblemException.invalid("body", "required, at most " + MAX_BODY + " characters");
        }
        return body;
    }
}
