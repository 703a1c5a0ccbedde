package dev.opscenter.bench;

import java.nio.charset.StandardCharsets;

/**
 * WorkflowRunPayload builds a GitHub {@code workflow_run} "completed/failure" delivery, trimmed from the shape GitHub sends,
 * so every request makes the worker raise an alert and the end-to-end path is the one under test.
 */
final class WorkflowRunPayload {
    static final String EVENT = "workflow_run";

    private WorkflowRunPayload() {}

    static byte[] body(long runId, int worker) {
        return body(runId, worker, 0);
    }

    /**
     * The delivery grown to about {@code size} bytes by its head commit's message, as a real {@code workflow_run}
     * (7 KB is the size of GitHub's documented push example); 0 keeps it minimal.
     */
    static byte[] body(long runId, int worker, int size) {
        byte[] minimal = minimal(runId, worker);
        int padding = size - minimal.length - 40;
        if (padding <= 0) {
            return minimal;
        }
        String json = new String(minimal, StandardCharsets.UTF_8);
        String grown = json.substring(0, json.length() - 1) + ",\"head_commit\":{\"message\":\""
                + "Fix the build. ".repeat(padding / 15 + 1).substring(0, padding) + "\"}}";
        return grown.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] minimal(long runId, int worker) {
        String json = """
                {"action":"completed","workflow_run":{"id":%d,"name":"CI","head_branch":"main",\
                "head_sha":"%040x","run_number":%d,"run_attempt":1,"event":"push","status":"completed",\
                "conclusion":"failure","html_url":"https://github.com/acme/shop/actions/runs/%d",\
                "actor":{"login":"load-%d"}},"workflow":{"name":"CI","path":".github/workflows/ci.yml"},\
                "repository":{"id":1296269,"name":"shop","full_name":"acme/shop","html_url":"https://github.com/acme/shop"},\
                "sender":{"login":"load-%d","type":"User"}}""".formatted(runId, runId, runId, runId, worker, worker);
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
