package dev.opscenter.worker.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opscenter.common.alert.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GitHubParserTest {

    private final AlertParsers parsers = new AlertParsers();

    /**
     * One row of the table: a recorded delivery (optionally edited to reach another branch of the mapping) and
     * what the alert must say about it.
     */
    record Row(
            String name, String eventType, String body, Severity severity, String title, Map<String, Object> metadata) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> deliveries() {
        return Stream.of(
                row(
                        "push",
                        "push",
                        "github/push.json",
                        Severity.INFO,
                        "Push to master: 1 commit by Codertocat (Codertocat/Hello-World)",
                        "repo",
                        "Codertocat/Hello-World",
                        "branch",
                        "master",
                        "actor",
                        "Codertocat",
                        "sha",
                        "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                        "commits",
                        1L,
                        "forced",
                        false,
                        "url",
                        "https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246"),
                row(
                        "push forced to the default branch",
                        "push",
                        Fixtures.edited("github/push.json", "\"forced\": false", "\"forced\": true"),
                        Severity.WARNING,
                        "Force push to master by Codertocat (Codertocat/Hello-World)",
                        "branch",
                        "master",
                        "forced",
                        true),
                row(
                        "push forced to another branch",
                        "push",
                        Fixtures.edited(
                                "github/push.json",
                                "\"forced\": false",
                                "\"forced\": true",
                                "\"ref\": \"refs/heads/master\"",
                                "\"ref\": \"refs/heads/feature\""),
                        Severity.INFO,
                        "Force push to feature by Codertocat (Codertocat/Hello-World)",
                        "branch",
                        "feature"),
                row(
                        "pull_request opened",
                        "pull_request",
                        "github/pull_request.opened.json",
                        Severity.INFO,
                        "PR #2 opened: Update the README with new information. (Codertocat/Hello-World)",
                        "number",
                        2L,
                        "action",
                        "opened",
                        "branch",
                        "changes",
                        "base",
                        "master",
                        "sha",
                        "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                        "url",
                        "https://github.com/Codertocat/Hello-World/pull/2"),
                row(
                        "pull_request merged",
                        "pull_request",
                        Fixtures.edited(
                                "github/pull_request.opened.json",
                                "\"action\": \"opened\"",
                                "\"action\": \"closed\"",
                                "\"merged\": false",
                                "\"merged\": true"),
                        Severity.INFO,
                        "PR #2 merged: Update the README with new information. (Codertocat/Hello-World)",
                        "merged",
                        true),
                row(
                        "issues opened",
                        "issues",
                        "github/issues.opened.json",
                        Severity.INFO,
                        "Issue #1 opened: Spelling error in the README file (Codertocat/Hello-World)",
                        "number",
                        1L,
                        "labels",
                        "bug",
                        "url",
                        "https://github.com/Codertocat/Hello-World/issues/1"),
                row(
                        "issue_comment created",
                        "issue_comment",
                        "github/issue_comment.created.json",
                        Severity.INFO,
                        "Comment on issue #1: Spelling error in the README file (Codertocat/Hello-World)",
                        "commentId",
                        492700400L,
                        "url",
                        "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400"),
                row(
                        "release published",
                        "release",
                        "github/release.published.json",
                        Severity.INFO,
                        "Release 0.0.1 published (Codertocat/Hello-World)",
                        "tag",
                        "0.0.1",
                        "url",
                        "https://github.com/Codertocat/Hello-World/releases/tag/0.0.1"),
                row(
                        "workflow_run success",
                        "workflow_run",
                        "github/workflow_run.completed.json",
                        Severity.INFO,
                        "CI passed: test on master (octo-org/octo-repo)",
                        "workflow",
                        "test",
                        "conclusion",
                        "success",
                        "branch",
                        "master",
                        "runId",
                        289782451L,
                        "sha",
                        "3484a3fb816e0859fd6e1cea078d76385ff50625",
                        "url",
                        "https://github.com/octo-org/octo-repo/actions/runs/289782451"),
                workflowRun("failure", Severity.ERROR, "CI failed: test on master (octo-org/octo-repo)"),
                workflowRun("timed_out", Severity.ERROR, "CI timed out: test on master (octo-org/octo-repo)"),
                workflowRun(
                        "startup_failure", Severity.ERROR, "CI failed to start: test on master (octo-org/octo-repo)"),
                workflowRun("cancelled", Severity.INFO, "CI cancelled: test on master (octo-org/octo-repo)"),
                row(
                        "workflow_job failure",
                        "workflow_job",
                        "github/workflow_job.completed.failure.json",
                        Severity.ERROR,
                        "CI failed: linters (Codertocat/Hello-World)",
                        "job",
                        "linters",
                        "conclusion",
                        "failure",
                        "failedStep",
                        "Run yarn run format-check",
                        "url",
                        "https://github.com/octo-org/octo-repo/runs/1291536064"),
                row(
                        "check_run success",
                        "check_run",
                        "github/check_run.completed.json",
                        Severity.INFO,
                        "Check passed: Octocoders-linter on changes (Codertocat/Hello-World)",
                        "check",
                        "Octocoders-linter",
                        "branch",
                        "changes",
                        "conclusion",
                        "success",
                        "url",
                        "https://github.com/Codertocat/Hello-World/runs/128620228"),
                row(
                        "check_run failure",
                        "check_run",
                        Fixtures.edited(
                                "github/check_run.completed.json",
                                "\n    \"conclusion\": \"success\"",
                                "\n    \"conclusion\": \"failure\""),
                        Severity.ERROR,
                        "Check failed: Octocoders-linter on changes (Codertocat/Hello-World)",
                        "conclusion",
                        "failure"),
                row(
                        "check_run timed out",
                        "check_run",
                        Fixtures.edited(
                                "github/check_run.completed.json",
                                "\n    \"conclusion\": \"success\"",
                                "\n    \"conclusion\": \"timed_out\""),
                        Severity.ERROR,
                        "Check timed out: Octocoders-linter on changes (Codertocat/Hello-World)"),
                row(
                        "check_suite success",
                        "check_suite",
                        "github/check_suite.completed.json",
                        Severity.INFO,
                        "Check suite passed: octocoders-linter on changes (Codertocat/Hello-World)",
                        "app",
                        "octocoders-linter",
                        "sha",
                        "ec26c3e57ca3a959ca5aad62de7213c562f8c821"),
                row(
                        "check_suite failure",
                        "check_suite",
                        Fixtures.edited(
                                "github/check_suite.completed.json",
                                "\"conclusion\": \"success\"",
                                "\"conclusion\": \"failure\""),
                        Severity.ERROR,
                        "Check suite failed: octocoders-linter on changes (Codertocat/Hello-World)"),
                row(
                        "deployment_status success",
                        "deployment_status",
                        "github/deployment_status.created.json",
                        Severity.INFO,
                        "Deployment succeeded: production (Codertocat/Hello-World)",
                        "environment",
                        "production",
                        "state",
                        "success",
                        "ref",
                        "master"),
                deployment("failure"),
                deployment("error"),
                row(
                        "code_scanning_alert created",
                        "code_scanning_alert",
                        "github/code_scanning_alert.created.json",
                        Severity.ERROR,
                        "Code scanning alert: Query built from user-controlled sources (Codertocat/Hello-World)",
                        "rule",
                        "java/sql-injection",
                        "severity",
                        "error",
                        "tool",
                        "CodeQL",
                        "branch",
                        "code-feature",
                        "alertNumber",
                        10L,
                        "url",
                        "https://github.com/Codertocat/Hello-World/security/code-scanning/10"),
                row(
                        "code_scanning_alert with high security severity",
                        "code_scanning_alert",
                        Fixtures.edited(
                                "github/code_scanning_alert.created.json",
                                "\"severity\": \"error\",",
                                "\"severity\": \"error\", \"security_severity_level\": \"high\","),
                        Severity.CRITICAL,
                        "Code scanning alert: Query built from user-controlled sources (Codertocat/Hello-World)",
                        "severity",
                        "high"),
                row(
                        "code_scanning_alert fixed",
                        "code_scanning_alert",
                        Fixtures.edited(
                                "github/code_scanning_alert.created.json",
                                "\"action\": \"created\"",
                                "\"action\": \"fixed\""),
                        Severity.INFO,
                        "Code scanning alert fixed: Query built from user-controlled sources (Codertocat/Hello-World)"),
                row(
                        "dependabot_alert created, medium",
                        "dependabot_alert",
                        "github/dependabot_alert.created.json",
                        Severity.ERROR,
                        "Dependabot alert: semver vulnerable to Regular Expression Denial of Service (wolfy1339/pika-pack)",
                        "package",
                        "semver",
                        "severity",
                        "medium",
                        "ghsa",
                        "GHSA-c2qf-rxjj-qqgw",
                        "cve",
                        "CVE-2022-25883",
                        "url",
                        "https://github.com/wolfy1339/pika-pack/security/dependabot/20"),
                dependabot("critical", Severity.CRITICAL),
                dependabot("high", Severity.CRITICAL),
                dependabot("low", Severity.WARNING),
                row(
                        "secret_scanning_alert reopened",
                        "secret_scanning_alert",
                        "github/secret_scanning_alert.reopened.json",
                        Severity.CRITICAL,
                        "Secret exposed: adafruit_io_key (Codertocat/Hello-World)",
                        "alertNumber",
                        191L,
                        "secretType",
                        "adafruit_io_key",
                        "url",
                        "https://github.com/Codertocat/Hello-World/security/secret-scanning/191"),
                row(
                        "secret_scanning_alert created",
                        "secret_scanning_alert",
                        Fixtures.edited(
                                "github/secret_scanning_alert.reopened.json",
                                "\"action\": \"reopened\"",
                                "\"action\": \"created\""),
                        Severity.CRITICAL,
                        "Secret exposed: adafruit_io_key (Codertocat/Hello-World)"),
                row(
                        "secret_scanning_alert resolved",
                        "secret_scanning_alert",
                        Fixtures.edited(
                                "github/secret_scanning_alert.reopened.json",
                                "\"action\": \"reopened\"",
                                "\"action\": \"resolved\""),
                        Severity.INFO,
                        "Secret scanning alert resolved: adafruit_io_key (Codertocat/Hello-World)"),
                row(
                        "security_advisory published, moderate",
                        "security_advisory",
                        "github/security_advisory.published.json",
                        Severity.ERROR,
                        "Security advisory: Moderate severity vulnerability that affects django (GHSA-rf4j-j272-fj86)",
                        "ghsa",
                        "GHSA-rf4j-j272-fj86",
                        "cve",
                        "CVE-2018-6188",
                        "severity",
                        "moderate",
                        "packages",
                        "django",
                        "url",
                        "https://github.com/advisories/GHSA-rf4j-j272-fj86"),
                row(
                        "security_advisory published, high",
                        "security_advisory",
                        Fixtures.edited(
                                "github/security_advisory.published.json",
                                "\"severity\": \"moderate\"",
                                "\"severity\": \"high\""),
                        Severity.CRITICAL,
                        "Security advisory: Moderate severity vulnerability that affects django (GHSA-rf4j-j272-fj86)"),
                row(
                        "security_advisory withdrawn",
                        "security_advisory",
                        Fixtures.edited(
                                "github/security_advisory.published.json",
                                "\"action\": \"published\"",
                                "\"action\": \"withdrawn\""),
                        Severity.INFO,
                        "Security advisory withdrawn: Moderate severity vulnerability that affects django (GHSA-rf4j-j272-fj86)"),
                row(
                        "repository_vulnerability_alert create",
                        "repository_vulnerability_alert",
                        "github/repository_vulnerability_alert.create.json",
                        Severity.ERROR,
                        "Vulnerable dependency: rack >= 2.0.4, < 2.0.6 (Codertocat/Hello-World)",
                        "package",
                        "rack",
                        "fixedIn",
                        "2.0.6",
                        "cve",
                        "CVE-2018-16470",
                        "severity",
                        "moderate"),
                row(
                        "repository_vulnerability_alert critical",
                        "repository_vulnerability_alert",
                        Fixtures.edited(
                                "github/repository_vulnerability_alert.create.json",
                                "\"severity\": \"moderate\"",
                                "\"severity\": \"critical\""),
                        Severity.CRITICAL,
                        "Vulnerable dependency: rack >= 2.0.4, < 2.0.6 (Codertocat/Hello-World)"),
                row(
                        "repository_vulnerability_alert dismiss",
                        "repository_vulnerability_alert",
                        Fixtures.edited(
                                "github/repository_vulnerability_alert.create.json",
                                "\"action\": \"create\"",
                                "\"action\": \"dismiss\""),
                        Severity.INFO,
                        "Vulnerable dependency dismissed: rack >= 2.0.4, < 2.0.6 (Codertocat/Hello-World)"),
                row(
                        "ping",
                        "ping",
                        "github/ping.json",
                        Severity.INFO,
                        "GitHub webhook ping (Octocoders/Hello-World)",
                        "hookId",
                        109948940L,
                        "repo",
                        "Octocoders/Hello-World"),
                row(
                        "unknown event type",
                        "star",
                        "github/star.created.json",
                        Severity.INFO,
                        "GitHub star created (Codertocat/Hello-World)",
                        "event",
                        "star",
                        "action",
                        "created"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void mapsDeliveryToAlert(Row row) {
        ParsedAlert alert = parsers.parse(Fixtures.event("github", row.eventType(), row.body()));

        assertEquals(row.severity(), alert.severity(), "severity");
        assertEquals(row.title(), alert.title(), "title");
        row.metadata()
                .forEach((key, value) -> assertEquals(value, alert.metadata().get(key), "metadata " + key));
        assertTrue(alert.message().length() > 0, "message");
    }

    @Test
    void failedWorkflowMessageNamesActorCommitAndLink() {
        ParsedAlert alert = parsers.parse(Fixtures.event(
                "github",
                "workflow_run",
                Fixtures.edited(
                        "github/workflow_run.completed.json",
                        "\"conclusion\": \"success\"",
                        "\"conclusion\": \"failure\"")));

        assertEquals(
                "Run #163 by Codertocat · 3484a3f build(test): check workflow run event payload\n"
                        + "https://github.com/octo-org/octo-repo/actions/runs/289782451",
                alert.message());
    }

    @Test
    void failedJobMessageNamesTheFailedStep() {
        ParsedAlert alert = parsers.parse(
                Fixtures.event("github", "workflow_job", Fixtures.text("github/workflow_job.completed.failure.json")));

        assertTrue(alert.message().startsWith("Failed step: Run yarn run format-check\n"), alert.message());
    }

    @Test
    void readsEventTypeFromHeaderWhenNotGiven() {
        ParsedAlert alert = parsers.parse(
                Fixtures.event("github", null, Fixtures.text("github/ping.json"), Map.of("x-github-event", "ping")));

        assertEquals("GitHub webhook ping (Octocoders/Hello-World)", alert.title());
    }

    @Test
    void objectWithoutKnownFieldsStillGivesAlert() {
        ParsedAlert alert = parsers.parse(Fixtures.event("github", "workflow_run", "{\"action\":\"completed\"}"));

        assertEquals(Severity.INFO, alert.severity());
        assertEquals("CI finished: workflow", alert.title());
    }

    private static Row workflowRun(String conclusion, Severity severity, String title) {
        return row(
                "workflow_run " + conclusion,
                "workflow_run",
                Fixtures.edited(
                        "github/workflow_run.completed.json",
                        "\"conclusion\": \"success\"",
                        "\"conclusion\": \"" + conclusion + "\""),
                severity,
                title,
                "conclusion",
                conclusion);
    }

    private static Row deployment(String state) {
        return row(
                "deployment_status " + state,
                "deployment_status",
                Fixtures.edited(
                        "github/deployment_status.created.json",
                        "\"state\": \"success\"",
                        "\"state\": \"" + state + "\""),
                Severity.ERROR,
                "Deployment failed: production (Codertocat/Hello-World)",
                "state",
                state);
    }

    private static Row dependabot(String level, Severity severity) {
        return row(
                "dependabot_alert created, " + level,
                "dependabot_alert",
                Fixtures.edited(
                        "github/dependabot_alert.created.json",
                        "\"severity\": \"medium\"",
                        "\"severity\": \"" + level + "\""),
                severity,
                "Dependabot alert: semver vulnerable to Regular Expression Denial of Service (wolfy1339/pika-pack)",
                "severity",
                level);
    }

    /** A row whose body is a fixture path (ending in .json) or already-edited fixture text. */
    static Row row(String name, String eventType, String body, Severity severity, String title, Object... metadata) {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < metadata.length; i += 2) {
            expected.put((String) metadata[i], metadata[i + 1]);
        }
        String text = body.endsWith(".json") ? Fixtures.text(body) : body;
        return new Row(name, eventType, text, severity, title, expected);
    }
}
