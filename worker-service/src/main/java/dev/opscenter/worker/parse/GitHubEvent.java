package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.JsonFields.text;

import io.micronaut.json.tree.JsonNode;

/**
 * GitHubEvent is one GitHub delivery with the context every GitHub alert shares: repository, sender, action.
 *
 * @param type    the X-GitHub-Event value, e.g. {@code workflow_run}; may be null
 * @param action  the payload's {@code action}, e.g. {@code completed}; may be null
 * @param payload the JSON object GitHub sent
 */
record GitHubEvent(String type, String action, JsonNode payload) {

    /** The repository's {@code owner/name}, or null for account-wide events. */
    String repo() {
        return text(payload, "repository", "full_name");
    }

    /** The login of the account that caused the event. */
    String actor() {
        return text(payload, "sender", "login");
    }

    /** The repository's web address. */
    String repoUrl() {
        return text(payload, "repository", "html_url");
    }

    String defaultBranch() {
        return text(payload, "repository", "default_branch");
    }

    /** The title suffix naming the repository, e.g. {@code " (octo/repo)"}, or empty. */
    String suffix() {
        String repo = repo();
        return repo == null ? "" : " (" + repo + ")";
    }

    /** Metadata every GitHub alert starts with. */
    Metadata metadata() {
        return new Metadata()
                .put("event", type)
                .put("action", action)
                .put("repo", repo())
                .put("actor", actor());
    }

    /**
     * {@code review_requested} → {@code review requested}. GitHub's {@code synchronize} reads as {@code updated}, and
     * the present-tense actions of repository vulnerability alerts read like the other events' past tense.
     */
    static String humanize(String word) {
        return switch (word == null ? "" : word) {
            case "synchronize" -> "updated";
            case "create" -> "created";
            case "dismiss" -> "dismissed";
            case "resolve" -> "resolved";
            case "reopen" -> "reopened";
            default -> Text.humanize(word);
        };
    }

    /** {@code refs/heads/main} → {@code main}, {@code refs/tags/v1} → {@code v1}. */
    static String shortRef(String ref) {
        if (ref == null) {
            return null;
        }
        if (ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        return ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : ref;
    }

    static String shortSha(String sha) {
        return sha == null || sha.length() <= 7 ? sha : sha.substring(0, 7);
    }
}
