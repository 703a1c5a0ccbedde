package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.GitHubEvent.shortSha;
import static dev.opscenter.worker.parse.JsonFields.element;
import static dev.opscenter.worker.parse.JsonFields.node;
import static dev.opscenter.worker.parse.JsonFields.number;
import static dev.opscenter.worker.parse.JsonFields.size;
import static dev.opscenter.worker.parse.JsonFields.text;
import static dev.opscenter.worker.parse.Text.firstLine;
import static dev.opscenter.worker.parse.Text.firstNonNull;
import static dev.opscenter.worker.parse.Text.lines;

import dev.opscenter.common.alert.Severity;
import io.micronaut.json.tree.JsonNode;
import java.util.Objects;

/** GitHubCi reads CI and deployment events: workflow runs and jobs, check runs and suites, deployment statuses. */
final class GitHubCi {

    private GitHubCi() {}

    /** How a finished run reads in a title, and how urgent it is. */
    private record Outcome(String verb, Severity severity) {

        /** Failed, timed-out and never-started runs need a person; everything else is a record of what happened. */
        static Outcome of(String conclusion) {
            return switch (Objects.requireNonNullElse(conclusion, "")) {
                case "failure" -> new Outcome("failed", Severity.ERROR);
                case "timed_out" -> new Outcome("timed out", Severity.ERROR);
                case "startup_failure" -> new Outcome("failed to start", Severity.ERROR);
                case "success" -> new Outcome("passed", Severity.INFO);
                case "cancelled" -> new Outcome("cancelled", Severity.INFO);
                case "skipped" -> new Outcome("skipped", Severity.INFO);
                case "action_required" -> new Outcome("needs action", Severity.INFO);
                default -> new Outcome("finished", Severity.INFO);
            };
        }
    }

    static ParsedAlert workflowRun(GitHubEvent github) {
        JsonNode run = node(github.payload(), "workflow_run");
        String name = Objects.requireNonNullElse(
                firstNonNull(text(run, "name"), text(github.payload(), "workflow", "name")), "workflow");
        String branch = text(run, "head_branch");
        String conclusion = text(run, "conclusion");
        String url = text(run, "html_url");
        Metadata metadata = github.metadata()
                .put("workflow", name)
                .put("runId", number(run, "id"))
                .put("runNumber", number(run, "run_number"))
                .put("branch", branch)
                .put("sha", text(run, "head_sha"))
                .put("conclusion", conclusion)
                .put("trigger", text(run, "event"))
                .put("url", url);
        String commit = commitLine(text(run, "head_sha"), text(run, "head_commit", "message"));
        Long runNumber = number(run, "run_number");
        String byLine = (runNumber == null ? "Run" : "Run #" + runNumber)
                + (github.actor() == null ? "" : " by " + github.actor())
                + (commit == null ? "" : " · " + commit);
        if (!"completed".equals(github.action())) {
            String title =
                    "Workflow " + name + " " + GitHubEvent.humanize(github.action()) + on(branch) + github.suffix();
            return new ParsedAlert(title, lines(byLine, url), Severity.INFO, metadata.toMap());
        }
        Outcome outcome = Outcome.of(conclusion);
        String title = "CI " + outcome.verb() + ": " + name + on(branch) + github.suffix();
        return new ParsedAlert(title, lines(byLine, url), outcome.severity(), metadata.toMap());
    }

    static ParsedAlert workflowJob(GitHubEvent github) {
        JsonNode job = node(github.payload(), "workflow_job");
        String jobName = Objects.requireNonNullElse(text(job, "name"), "job");
        String workflow = text(job, "workflow_name");
        String name = workflow == null ? jobName : workflow + " / " + jobName;
        String branch = text(job, "head_branch");
        String conclusion = text(job, "conclusion");
        String url = text(job, "html_url");
        String failedStep = failedStep(job);
        Metadata metadata = github.metadata()
                .put("workflow", workflow)
                .put("job", jobName)
                .put("jobId", number(job, "id"))
                .put("runId", number(job, "run_id"))
                .put("branch", branch)
                .put("sha", text(job, "head_sha"))
                .put("conclusion", conclusion)
                .put("failedStep", failedStep)
                .put("runner", text(job, "runner_name"))
                .put("url", url);
        String detail = failedStep == null ? null : "Failed step: " + failedStep;
        String byLine = github.actor() == null ? null : "Triggered by " + github.actor();
        if (!"completed".equals(github.action())) {
            String title = "Job " + name + " " + GitHubEvent.humanize(github.action()) + on(branch) + github.suffix();
            return new ParsedAlert(title, lines(byLine, url), Severity.INFO, metadata.toMap());
        }
        Outcome outcome = Outcome.of(conclusion);
        String title = "CI " + outcome.verb() + ": " + name + on(branch) + github.suffix();
        return new ParsedAlert(title, lines(detail, byLine, url), outcome.severity(), metadata.toMap());
    }

    static ParsedAlert checkRun(GitHubEvent github) {
        JsonNode check = node(github.payload(), "check_run");
        String name = Objects.requireNonNullElse(text(check, "name"), "check");
        String branch = text(check, "check_suite", "head_branch");
        String conclusion = text(check, "conclusion");
        String url = firstNonNull(text(check, "html_url"), text(check, "details_url"));
        Metadata metadata = github.metadata()
                .put("check", name)
                .put("checkRunId", number(check, "id"))
                .put("branch", branch)
                .put("sha", text(check, "head_sha"))
                .put("conclusion", conclusion)
                .put("app", text(check, "app", "name"))
                .put("url", url);
        String summary = firstNonNull(text(check, "output", "title"), firstLine(text(check, "output", "summary")));
        return checkAlert("Check", name, branch, conclusion, github, lines(summary, url), metadata);
    }

    static ParsedAlert checkSuite(GitHubEvent github) {
        JsonNode suite = node(github.payload(), "check_suite");
        String name = Objects.requireNonNullElse(text(suite, "app", "name"), "check suite");
        String branch = text(suite, "head_branch");
        String conclusion = text(suite, "conclusion");
        String url = github.repoUrl();
        Metadata metadata = github.metadata()
                .put("app", name)
                .put("checkSuiteId", number(suite, "id"))
                .put("branch", branch)
                .put("sha", text(suite, "head_sha"))
                .put("conclusion", conclusion)
                .put("checkRuns", number(suite, "latest_check_runs_count"))
                .put("url", url);
        String commit = commitLine(text(suite, "head_sha"), text(suite, "head_commit", "message"));
        return checkAlert("Check suite", name, branch, conclusion, github, lines(commit, url), metadata);
    }

    static ParsedAlert deploymentStatus(GitHubEvent github) {
        JsonNode status = node(github.payload(), "deployment_status");
        JsonNode deployment = node(github.payload(), "deployment");
        String state = Objects.requireNonNullElse(text(status, "state"), "updated");
        String environment = Objects.requireNonNullElse(
                firstNonNull(text(status, "environment"), text(deployment, "environment")), "deployment");
        String url = firstNonNull(
                text(status, "target_url"), text(status, "log_url"), text(status, "environment_url"), github.repoUrl());
        Metadata metadata = github.metadata()
                .put("environment", environment)
                .put("state", state)
                .put("ref", text(deployment, "ref"))
                .put("sha", text(deployment, "sha"))
                .put("deploymentId", number(deployment, "id"))
                .put("url", url);
        boolean failed = "failure".equals(state) || "error".equals(state);
        String verb = switch (state) {
            case "failure", "error" -> "failed";
            case "success" -> "succeeded";
            default -> GitHubEvent.humanize(state);
        };
        String title = "Deployment " + verb + ": " + environment + github.suffix();
        String byLine = "Ref " + Objects.requireNonNullElse(text(deployment, "ref"), "?")
                + (github.actor() == null ? "" : " by " + github.actor());
        return new ParsedAlert(
                title,
                lines(text(status, "description"), byLine, url),
                failed ? Severity.ERROR : Severity.INFO,
                metadata.toMap());
    }

    private static ParsedAlert checkAlert(
            String label,
            String name,
            String branch,
            String conclusion,
            GitHubEvent github,
            String message,
            Metadata metadata) {
        if (!"completed".equals(github.action())) {
            String title =
                    label + " " + name + " " + GitHubEvent.humanize(github.action()) + on(branch) + github.suffix();
            return new ParsedAlert(title, message, Severity.INFO, metadata.toMap());
        }
        Outcome outcome = Outcome.of(conclusion);
        String title = label + " " + outcome.verb() + ": " + name + on(branch) + github.suffix();
        return new ParsedAlert(title, message, outcome.severity(), metadata.toMap());
    }

    /** The first step whose conclusion is a failure, so the alert says where to look. */
    private static String failedStep(JsonNode job) {
        for (int i = 0; i < size(job, "steps"); i++) {
            JsonNode step = element(job, i, "steps");
            if (Outcome.of(text(step, "conclusion")).severity() == Severity.ERROR) {
                return text(step, "name");
            }
        }
        return null;
    }

    private static String commitLine(String sha, String message) {
        String subject = firstLine(message);
        if (sha == null) {
            return subject;
        }
        return subject == null ? "commit " + shortSha(sha) : shortSha(sha) + " " + subject;
    }

    private static String on(String branch) {
        return branch == null ? "" : " on " + branch;
    }
}
