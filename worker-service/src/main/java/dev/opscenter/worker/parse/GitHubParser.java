package dev.opscenter.worker.parse;

import static dev.opscenter.worker.parse.JsonFields.text;

import io.micronaut.json.tree.JsonNode;

/**
 * GitHubParser reads GitHub webhook deliveries. The event type comes from the X-GitHub-Event header and the
 * action from the payload; each theme (CI, security, repository activity) has its own reader.
 */
final class GitHubParser implements PayloadParser {

    @Override
    public ParsedAlert parse(InboundEvent event) {
        JsonNode payload = event.payload();
        if (payload == null || !payload.isObject()) {
            throw new MalformedPayloadException("GitHub event " + event.id() + " is not a JSON object");
        }
        String type = event.eventType() != null ? event.eventType() : event.header("x-github-event");
        GitHubEvent github = new GitHubEvent(type, text(payload, "action"), payload);
        return switch (type == null ? "" : type) {
            case "workflow_run" -> GitHubCi.workflowRun(github);
            case "workflow_job" -> GitHubCi.workflowJob(github);
            case "check_run" -> GitHubCi.checkRun(github);
            case "check_suite" -> GitHubCi.checkSuite(github);
            case "deployment_status" -> GitHubCi.deploymentStatus(github);
            case "code_scanning_alert" -> GitHubSecurity.codeScanning(github);
            case "dependabot_alert" -> GitHubSecurity.dependabot(github);
            case "secret_scanning_alert" -> GitHubSecurity.secretScanning(github);
            case "security_advisory" -> GitHubSecurity.advisory(github);
            case "repository_vulnerability_alert" -> GitHubSecurity.vulnerability(github);
            case "push" -> GitHubActivity.push(github);
            case "pull_request" -> GitHubActivity.pullRequest(github);
            case "issues" -> GitHubActivity.issue(github);
            case "issue_comment" -> GitHubActivity.issueComment(github);
            case "release" -> GitHubActivity.release(github);
            case "ping" -> GitHubActivity.ping(github);
            default -> GitHubActivity.other(github);
        };
    }
}
