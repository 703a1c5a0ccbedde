package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.GitHubEvent.humanize;
import static dev.opscenter.worker.parse.GitHubEvent.shortRef;
import static dev.opscenter.worker.parse.GitHubEvent.shortSha;
import static dev.opscenter.worker.parse.JsonFields.element;
import static dev.opscenter.worker.parse.JsonFields.flag;
import static dev.opscenter.worker.parse.JsonFields.node;
import static dev.opscenter.worker.parse.JsonFields.number;
import static dev.opscenter.worker.parse.JsonFields.size;
import static dev.opscenter.worker.parse.JsonFields.text;
import static dev.opscenter.worker.parse.Text.firstLine;
import static dev.opscenter.worker.parse.Text.firstNonNull;
import static dev.opscenter.worker.parse.Text.lines;

import dev.opscenter.common.alert.Severity;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * GitHubActivity reads repository activity: pushes, pull requests, issues and comments, releases, pings, and any
 * event type without a dedicated reader. All of it is informational except a force push that rewrites the default
 * branch, which loses other people's commits.
 */
final class GitHubActivity {

    /** Comment bodies are quoted in the message up to this length; the link has the rest. */
    private static final int QUOTE_LENGTH = 280;

    private GitHubActivity() {}

    static ParsedAlert push(GitHubEvent github) {
        JsonNode payload = github.payload();
        String ref = text(payload, "ref");
        boolean tag = ref != null && ref.startsWith("refs/tags/");
        String name = Objects.requireNonNullElse(shortRef(ref), "?");
        String actor =
                Objects.requireNonNullElse(firstNonNull(text(payload, "pusher", "name"), github.actor()), "someone");
        int commits = size(payload, "commits");
        boolean forced = flag(payload, "forced");
        boolean toDefaultBranch = !tag && name.equals(github.defaultBranch());
        String url = text(payload, "compare");
        Metadata metadata = github.metadata()
                .put(tag ? "tag" : "branch", name)
                .put("sha", text(payload, "after"))
                .put("before", text(payload, "before"))
                .put("commits", (long) commits)
                .put("forced", forced)
                .put("pusher", actor)
                .put("url", url);
        String title;
        if (flag(payload, "deleted")) {
            title = (tag ? "Tag " : "Branch ") + name + " deleted by " + actor;
        } else if (forced) {
            title = "Force push to " + name + " by " + actor;
        } else if (tag) {
            title = "Tag " + name + " pushed by " + actor;
        } else {
            title = "Push to " + name + ": " + commits + (commits == 1 ? " commit" : " commits") + " by " + actor;
        }
        String head = firstLine(text(payload, "head_commit", "message"));
        String headLine = head == null ? null : shortSha(text(payload, "head_commit", "id")) + " " + head;
        Severity severity = forced && toDefaultBranch ? Severity.WARNING : Severity.INFO;
        return new ParsedAlert(title + github.suffix(), lines(headLine, url), severity, metadata.toMap());
    }

    static ParsedAlert pullRequest(GitHubEvent github) {
        JsonNode pr = node(github.payload(), "pull_request");
        Long number = firstNumber(number(github.payload(), "number"), number(pr, "number"));
        boolean merged = flag(pr, "merged");
        String verb = "closed".equals(github.action()) && merged ? "merged" : humanize(github.action());
        String head = text(pr, "head", "ref");
        String base = text(pr, "base", "ref");
        String url = text(pr, "html_url");
        Metadata metadata = github.metadata()
                .put("number", number)
                .put("author", text(pr, "user", "login"))
                .put("branch", head)
                .put("base", base)
                .put("sha", text(pr, "head", "sha"))
                .put("draft", flag(pr, "draft"))
                .put("merged", merged)
                .put("url", url);
        String title = "PR #" + number + " " + verb + ": " + Objects.requireNonNullElse(text(pr, "title"), "")
                + github.suffix();
        String branches = head == null ? null : head + " → " + Objects.requireNonNullElse(base, "?");
        String byLine =
                github.actor() == null ? branches : "By " + github.actor() + (branches == null ? "" : ": " + branches);
        return new ParsedAlert(title, lines(byLine, url), Severity.INFO, metadata.toMap());
    }

    static ParsedAlert issue(GitHubEvent github) {
        JsonNode issue = node(github.payload(), "issue");
        String url = text(issue, "html_url");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < size(issue, "labels"); i++) {
            String label = text(element(issue, i, "labels"), "name");
            if (label != null) {
                labels.add(label);
            }
        }
        Metadata metadata = github.metadata()
                .put("number", number(issue, "number"))
                .put("author", text(issue, "user", "login"))
                .put("state", text(issue, "state"))
                .put("labels", labels.isEmpty() ? null : String.join(", ", labels))
                .put("url", url);
        String title = "Issue #" + number(issue, "number") + " " + humanize(github.action()) + ": "
                + Objects.requireNonNullElse(text(issue, "title"), "") + github.suffix();
        String byLine = (github.actor() == null ? "" : "By " + github.actor())
                + (labels.isEmpty() ? "" : " · labels: " + String.join(", ", labels));
        return new ParsedAlert(title, lines(byLine, url), Severity.INFO, metadata.toMap());
    }

    static ParsedAlert issueComment(GitHubEvent github) {
        JsonNode issue = node(github.payload(), "issue");
        JsonNode comment = node(github.payload(), "comment");
        // GitHub delivers pull request conversation comments as issue comments; the pull_request key tells them apart.
        String kind = node(issue, "pull_request") != null ? "PR" : "issue";
        String url = firstNonNull(text(comment, "html_url"), text(issue, "html_url"));
        Metadata metadata = github.metadata()
                .put("number", number(issue, "number"))
                .put("commentId", number(comment, "id"))
                .put("author", text(comment, "user", "login"))
                .put("url", url);
        String what = "created".equals(github.action()) ? "Comment" : "Comment " + humanize(github.action());
        String title = what + " on " + kind + " #" + number(issue, "number") + ": "
                + Objects.requireNonNullElse(text(issue, "title"), "") + github.suffix();
        String body = text(comment, "body");
        String quote = body == null ? null : ParsedAlert.truncate(body.strip().replaceAll("\\s+", " "), QUOTE_LENGTH);
        String author = firstNonNull(text(comment, "user", "login"), github.actor());
        String said = quote == null ? null : (author == null ? "" : author + ": ") + quote;
        return new ParsedAlert(title, lines(said, url), Severity.INFO, metadata.toMap());
    }

    static ParsedAlert release(GitHubEvent github) {
        JsonNode release = node(github.payload(), "release");
        String tag = text(release, "tag_name");
        String name = Objects.requireNonNullElse(firstNonNull(text(release, "name"), tag), "?");
        boolean prerelease = flag(release, "prerelease");
        String url = text(release, "html_url");
        Metadata metadata = github.metadata()
                .put("tag", tag)
                .put("name", name)
                .put("prerelease", prerelease)
                .put("draft", flag(release, "draft"))
                .put("author", text(release, "author", "login"))
                .put("url", url);
        String title =
                (prerelease ? "Pre-release " : "Release ") + name + " " + humanize(github.action()) + github.suffix();
        String byLine = (tag == null || tag.equals(name) ? "" : "Tag " + tag + " ")
                + (github.actor() == null ? "" : "by " + github.actor());
        return new ParsedAlert(title, lines(byLine, url), Severity.INFO, metadata.toMap());
    }

    static ParsedAlert ping(GitHubEvent github) {
        JsonNode payload = github.payload();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < size(payload, "hook", "events"); i++) {
            JsonNode event = element(payload, i, "hook", "events");
            if (event != null && event.isString()) {
                events.add(event.getStringValue());
            }
        }
        Metadata metadata = github.metadata()
                .put("hookId", number(payload, "hook_id"))
                .put("hookType", text(payload, "hook", "type"))
                .put("events", events.isEmpty() ? null : String.join(", ", events))
                .put("url", github.repoUrl());
        String subscribed = events.isEmpty() ? null : "Subscribed to: " + String.join(", ", events);
        return new ParsedAlert(
                "GitHub webhook ping" + github.suffix(),
                lines(text(payload, "zen"), subscribed),
                Severity.INFO,
                metadata.toMap());
    }

    /** Any other event still gets a readable alert, e.g. "GitHub star created (octo/repo)". */
    static ParsedAlert other(GitHubEvent github) {
        String what = github.type() == null ? "event" : humanize(github.type());
        String title =
                "GitHub " + what + (github.action() == null ? "" : " " + humanize(github.action())) + github.suffix();
        String byLine = github.actor() == null ? null : "By " + github.actor();
        Metadata metadata = github.metadata().put("url", github.repoUrl());
        return new ParsedAlert(title, lines(byLine, github.repoUrl()), Severity.INFO, metadata.toMap());
    }

    private static Long firstNumber(Long first, Long second) {
        return first != null ? first : second;
    }
}
