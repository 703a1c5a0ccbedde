package dev.opscenter.bench.demo;

import static dev.opscenter.bench.demo.DevSource.GENERIC;
import static dev.opscenter.bench.demo.DevSource.GITHUB;
import static dev.opscenter.bench.demo.DevSource.STANDARD;
import static dev.opscenter.bench.demo.DevSource.STRIPE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * DemoWebhook is one delivery of the demo burst: a provider payload recorded by someone else (worker-service's test
 * fixtures; their SOURCES.md says where each came from) for one dev source, with literal edits that each must
 * match, as the worker's tests make their variants.
 *
 * @param fixture path below the fixtures directory, e.g. {@code github/push.json}
 * @param edits   pairs of {@code from, to}
 */
record DemoWebhook(DevSource source, String label, String eventType, String fixture, List<String> edits) {

    /** What {@code bin/opscenter demo} sends: something to see from each of the four sources. */
    static final List<DemoWebhook> BURST = List.of(
            new DemoWebhook(
                    GITHUB,
                    "workflow_run failure",
                    "workflow_run",
                    "github/workflow_run.completed.json",
                    List.of("\"conclusion\": \"success\"", "\"conclusion\": \"failure\"")),
            recorded(GITHUB, "push", "github/push.json"),
            recorded(GITHUB, "pull_request", "github/pull_request.opened.json"),
            recorded(GITHUB, "dependabot_alert", "github/dependabot_alert.created.json"),
            recorded(STRIPE, "payment_intent.payment_failed", "stripe/payment_intent.payment_failed.json"),
            recorded(STRIPE, "charge.dispute.created", "stripe/charge.dispute.created.json"),
            recorded(STRIPE, "invoice.payment_failed", "stripe/invoice.payment_failed.json"),
            recorded(STANDARD, "contact.created", "standard/contact.created.json"),
            recorded(GENERIC, "grafana.firing", "generic/grafana.firing.json"));

    DemoWebhook {
        if (edits.size() % 2 != 0) {
            throw new IllegalArgumentException("edits come in from/to pairs: " + edits);
        }
        edits = List.copyOf(edits);
    }

    private static DemoWebhook recorded(DevSource source, String eventType, String fixture) {
        String file = fixture.substring(fixture.indexOf('/') + 1, fixture.lastIndexOf('.'));
        return new DemoWebhook(source, file, eventType, fixture, List.of());
    }

    /** The fixture's bytes with the edits applied; an edit that matches nothing is an error, not a silent no-op. */
    byte[] body(Path fixtures) throws IOException {
        String text = Files.readString(fixtures.resolve(fixture), StandardCharsets.UTF_8);
        for (int i = 0; i < edits.size(); i += 2) {
            if (!text.contains(edits.get(i))) {
                throw new IllegalStateException(fixture + " does not contain " + edits.get(i));
            }
            text = text.replace(edits.get(i), edits.get(i + 1));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Signed for its dev source, with a fresh delivery id. */
    SignedWebhook sign(Path fixtures, String secret, Instant now) throws IOException {
        return source.sign(secret, eventType, body(fixtures), now);
    }
}
