package dev.opscenter.bench;

import java.nio.charset.StandardCharsets;

/**
 * WorkflowRunPayload builds a GitHub {@code workflow_run} "completed/failure" delivery, trimmed from the shape GitHub sends,
 * so every request makes the worker raise an alert and the end-to-end path is the one under test.
 */
final class WorkflowRunPayload {
    static final String EVENT = "workflow_run";

    private WorkflowRunPayload() {
    }

    static byte[] body(long runId, int worker) {
        String json = """
                {"action":"completed","workflow_run":{"id":%d,"name":"CI","head_branch":"main",\
                "head_sha":"%040x","run_number":%d,"run_attempt":1,"event":"push","status":"completed",\
                "conclusion":"failure","html_url":"https://github.com/acme/shop/actions/runs/%d",\
                "actor":{"login":"load-%d"}},"workflow":{"name":"CI","path":".github/workflows/ci.yml"},\
                "repository":{"id":1296269,"name":"shop","full_name":"acme/shop","html_url":"https://github.com/acme/shop"},\
                "sender":{"login":"load-%d","type":"User"}}"""
                .formatted(runId, runId, runId, runId, worker, worker);
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
